import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../src/core/task';
import { createMutationFor, editMutation } from '../test/fixtures';
import type { TestServer, TestUser } from '../test/harness';
import { createTestServer, createTestUser, databaseKinds } from '../test/harness';

const kinds = await databaseKinds();

describe.each(kinds)('REST tasks on %s', (kind) => {
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  const now = Date.parse('2026-11-26T09:00:00.000Z'); // a Thursday

  beforeAll(async () => {
    server = await createTestServer(kind, 'tasks', { ctx: { now: () => now } });
    alice = await createTestUser();
    bob = await createTestUser();
  });
  afterAll(() => server.close());

  const call = (user: TestUser, method: string, path: string, body?: unknown) =>
    server.app.request(`/api/tasks${path}`, {
      method,
      headers: user.headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('creates from fields and reads it back', async () => {
    const res = await call(alice, 'POST', '', {
      title: 'Water plants',
      priority: 2,
      labels: ['home'],
    });
    expect(res.status).toBe(201);
    const task = (await res.json()) as Task;
    expect(task).toMatchObject({
      title: 'Water plants',
      priority: 2,
      labels: ['home'],
      deletedAt: null,
    });
    const got = await call(alice, 'GET', `/${task.id}`);
    expect(got.status).toBe(200);
    expect(await got.json()).toEqual(task);
  });

  it('creates from a quick-add phrase with the shared parser', async () => {
    const res = await call(alice, 'POST', '', { text: 'Call mom tomorrow #family p1' });
    expect(res.status).toBe(201);
    const task = (await res.json()) as Task;
    expect(task.title).toBe('Call mom');
    expect(task.due).toBe('2026-11-27');
    expect(task.priority).toBe(1);
  });

  it('reads and writes reminders, and answers 400 for a hostile one', async () => {
    const reminders = [{ id: randomUUID(), before: 15 }];
    const created = (await (
      await call(alice, 'POST', '', { title: 'Dentist', due: '2026-11-27T15:00', reminders })
    ).json()) as Task;
    expect(created.reminders).toEqual(reminders);
    const at = [{ id: randomUUID(), at: '2026-11-27T13:00:00.000Z' }];
    const patched = await call(alice, 'PATCH', `/${created.id}`, { reminders: at });
    expect(((await patched.json()) as Task).reminders).toEqual(at);
    for (const bad of [
      [{ id: randomUUID(), before: 60 * 24 * 29 }],
      [{ id: randomUUID(), at: 'tomorrow' }],
      [{ id: randomUUID() }],
      'soon',
    ]) {
      const res = await call(alice, 'PATCH', `/${created.id}`, { reminders: bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    const phrase = await call(alice, 'POST', '', { text: 'Dentist tomorrow 3pm !30 min before' });
    expect(await phrase.json()).toMatchObject({
      title: 'Dentist',
      due: '2026-11-27T15:00',
      reminders: [{ id: expect.stringMatching(/^[0-9a-f-]{36}$/), before: 30 }],
    });
  });

  it('patches through the merge with a server timestamp newer than every field', async () => {
    // A device clock minutes ahead (inside the drift bound) wrote the title; a REST edit must still win.
    const m = createMutationFor('From the future', 4 * 60_000);
    await server.app.request('/api/sync/push', {
      method: 'POST',
      headers: alice.headers,
      body: JSON.stringify({ clientId: 'd', mutations: [m] }),
    });
    const res = await call(alice, 'PATCH', `/${m.taskId}`, { title: 'Edited by script' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Task).title).toBe('Edited by script');
    const pulled = (await (
      await server.app.request('/api/sync/pull', { headers: alice.headers })
    ).json()) as {
      tasks: { id: string; clock: Record<string, string> }[];
    };
    const rec = pulled.tasks.find((t) => t.id === m.taskId)!;
    expect(rec.clock.title > m.hlc).toBe(true);
  });

  it('deletes by writing deletedAt; the list hides it unless asked', async () => {
    const created = (await (await call(alice, 'POST', '', { title: 'Temporary' })).json()) as Task;
    const del = await call(alice, 'DELETE', `/${created.id}`);
    expect(del.status).toBe(200);
    expect(((await del.json()) as Task).deletedAt).toBe(new Date(now).toISOString());
    const list = (await (await call(alice, 'GET', '')).json()) as { tasks: Task[] };
    expect(list.tasks.some((t) => t.id === created.id)).toBe(false);
    const all = (await (await call(alice, 'GET', '?include=deleted')).json()) as { tasks: Task[] };
    expect(all.tasks.some((t) => t.id === created.id)).toBe(true);
    // A later edit of another field does not resurrect it; an explicit restore does.
    await call(alice, 'PATCH', `/${created.id}`, { notes: 'still deleted' });
    expect(
      ((await (await call(alice, 'GET', `/${created.id}`)).json()) as Task).deletedAt,
    ).not.toBeNull();
    const restored = await call(alice, 'PATCH', `/${created.id}`, { deletedAt: null });
    expect(((await restored.json()) as Task).deletedAt).toBeNull();
  });

  it("answers 404, never 403, for another user's task on every method", async () => {
    const task = (await (await call(alice, 'POST', '', { title: 'Private' })).json()) as Task;
    expect((await call(bob, 'GET', `/${task.id}`)).status).toBe(404);
    expect((await call(bob, 'PATCH', `/${task.id}`, { title: 'mine now' })).status).toBe(404);
    expect((await call(bob, 'DELETE', `/${task.id}`)).status).toBe(404);
    const bobList = (await (await call(bob, 'GET', '?include=deleted')).json()) as {
      tasks: Task[];
    };
    expect(bobList.tasks.some((t) => t.id === task.id)).toBe(false);
    const after = (await (await call(alice, 'GET', `/${task.id}`)).json()) as Task;
    expect(after).toMatchObject({ title: 'Private', deletedAt: null });
    expect((await call(alice, 'GET', `/${randomUUID()}`)).status).toBe(404);
    expect((await call(alice, 'GET', '/not-a-uuid')).status).toBe(404);
  });

  it('validates bodies with field paths and never answers 500 for bad input', async () => {
    const empty = await call(alice, 'POST', '', { title: '' });
    expect(empty.status).toBe(400);
    const body = (await empty.json()) as {
      error: { code: string; details: { issues: { path: string }[] } };
    };
    expect(body.error.details.issues[0].path).toBe('title');
    expect((await call(alice, 'POST', '', { title: 'x', priority: 9 })).status).toBe(400);
    expect((await call(alice, 'POST', '', { title: 'x', colour: 'red' })).status).toBe(400);
    expect((await call(alice, 'POST', '', { text: '' })).status).toBe(400);
    expect((await call(alice, 'POST', '', [1, 2])).status).toBe(400);
    const t = (await (await call(alice, 'POST', '', { title: 'ok' })).json()) as Task;
    expect((await call(alice, 'PATCH', `/${t.id}`, { due: '2026-02-30' })).status).toBe(400);
    expect((await call(alice, 'PATCH', `/${t.id}`, {})).status).toBe(400);
    expect((await server.app.request('/api/tasks')).status).toBe(401);
  });

  it('sees writes from the sync API and vice versa', async () => {
    const user = await createTestUser();
    const m = createMutationFor('Synced');
    await server.app.request('/api/sync/push', {
      method: 'POST',
      headers: user.headers,
      body: JSON.stringify({
        clientId: 'd',
        mutations: [m, editMutation(m.taskId, { project: 'Home' }, 1)],
      }),
    });
    const got = (await (await call(user, 'GET', `/${m.taskId}`)).json()) as Task;
    expect(got).toMatchObject({ title: 'Synced', project: 'Home' });
  });
});
