// REST and projects: a project given by name resolves to the caller's project of that name or becomes
// one (with the id the devices give that name), replies carry the id and the current name, and a
// rename reaches every task without rewriting it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectRecord } from '../../src/core/project';
import { projectIdForName } from '../../src/core/project';
import type { Task } from '../../src/core/task';
import { projectMutation } from '../test/fixtures';
import type { TestServer, TestUser } from '../test/harness';
import { createTestServer, createTestUser, databaseKinds } from '../test/harness';

const kinds = await databaseKinds();

describe.each(kinds)('REST tasks with projects on %s', (kind) => {
  let server: TestServer;
  const now = Date.parse('2026-11-26T09:00:00.000Z');

  beforeAll(async () => {
    server = await createTestServer(kind, 'rest_projects', { ctx: { now: () => now } });
  });
  afterAll(() => server.close());

  const call = async (user: TestUser, method: string, path: string, body?: unknown) => {
    const res = await server.app.request(`/api/tasks${path}`, {
      method,
      headers: user.headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Task & { error?: { code: string } } };
  };
  const projectsOf = async (user: TestUser) => {
    const res = await server.app.request('/api/sync/pull', { headers: user.headers });
    return ((await res.json()) as { projects: ProjectRecord[] }).projects;
  };

  it('resolves a project name to one project, whatever the case, and shows its current name', async () => {
    const user = await createTestUser();
    const first = await call(user, 'POST', '', { title: 'Paint hall', project: 'Home Renovation' });
    expect(first.status).toBe(201);
    const projectId = projectIdForName('Home Renovation');
    expect(first.body).toMatchObject({ project: 'Home Renovation', projectId });
    const byText = await call(user, 'POST', '', {
      title: 'Sand floor',
      project: ' home renovation',
    });
    expect(byText.body.projectId).toBe(projectId);
    // Quick-add text goes the same way: `#Garden` is a project by name.
    const quick = await call(user, 'POST', '', { text: 'Buy seeds #Garden' });
    expect(quick.status).toBe(201);
    expect(quick.body).toMatchObject({ project: 'Garden', projectId: projectIdForName('Garden') });
    expect((await projectsOf(user)).map((p) => p.name).sort()).toEqual([
      'Garden',
      'Home Renovation',
    ]);

    // A device renames the project: one write to it, and every task shows the new name.
    const push = await server.app.request('/api/sync/push', {
      method: 'POST',
      headers: user.headers,
      body: JSON.stringify({
        clientId: 'device',
        mutations: [projectMutation(projectId, { name: 'House' }, 60_000)],
      }),
    });
    expect(push.status).toBe(200);
    const list = await call(user, 'GET', '');
    const tasks = (list.body as unknown as { tasks: Task[] }).tasks;
    const inProject = tasks.filter((t) => t.projectId === projectId);
    expect(inProject.map((t) => t.project)).toEqual(inProject.map(() => 'House'));
    expect(inProject.length).toBeGreaterThanOrEqual(2);
    expect((await call(user, 'GET', `/${first.body.id}`)).body.project).toBe('House');

    // The old name is free again: it makes a new project, not the renamed one back.
    const again = await call(user, 'POST', '', { title: 'Old name', project: 'Home Renovation' });
    expect(again.body.projectId).not.toBe(projectId);
    expect(again.body.project).toBe('Home Renovation');
  });

  it('moves and clears by name or id on PATCH', async () => {
    const user = await createTestUser();
    const task = (await call(user, 'POST', '', { title: 'File taxes' })).body;
    const moved = await call(user, 'PATCH', `/${task.id}`, { project: 'Admin' });
    expect(moved.body).toMatchObject({ project: 'Admin', projectId: projectIdForName('Admin') });
    const cleared = await call(user, 'PATCH', `/${task.id}`, { project: null });
    expect(cleared.body).toMatchObject({ project: null, projectId: null });
  });

  it('refuses hostile names with 400 and creates nothing', async () => {
    const user = await createTestUser();
    for (const project of ['x'.repeat(101), 'nul\u0000', 'lone \ud800', '   ']) {
      const res = await call(user, 'POST', '', { title: 'Bad', project });
      expect(res.status, JSON.stringify(project)).toBe(400);
    }
    const longText = await call(user, 'POST', '', { text: `Bad #${'y'.repeat(150)}` });
    expect(longText.status).toBe(400);
    expect(await projectsOf(user)).toEqual([]);
  });

  it('resolves names among the caller’s own projects only', async () => {
    const [alice, bob] = [await createTestUser(), await createTestUser()];
    const a = (await call(alice, 'POST', '', { title: 'A', project: 'Work' })).body;
    const b = (await call(bob, 'POST', '', { title: 'B', project: 'Work' })).body;
    expect(a.projectId).toBe(b.projectId); // the same hash, two rows: one per owner
    await server.app.request('/api/sync/push', {
      method: 'POST',
      headers: alice.headers,
      body: JSON.stringify({
        clientId: 'device',
        mutations: [projectMutation(a.projectId!, { name: 'Alice job' }, 60_000)],
      }),
    });
    expect((await call(bob, 'GET', `/${b.id}`)).body.project).toBe('Work');
    expect((await projectsOf(bob)).map((p) => p.name)).toEqual(['Work']);
  });
});
