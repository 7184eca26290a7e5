import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../src/core/merge';
import { T0, createMutationFor, editMutation } from '../test/fixtures';
import type { TestServer, TestUser } from '../test/harness';
import { createTestServer, createTestUser, databaseKinds } from '../test/harness';

const kinds = await databaseKinds();

describe.each(kinds)('sync API on %s', (kind) => {
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    server = await createTestServer(kind, 'sync');
    alice = await createTestUser();
    bob = await createTestUser();
  });
  afterAll(() => server.close());

  const push = (user: TestUser, mutations: unknown[], clientId = 'device-1') =>
    server.app.request('/api/sync/push', {
      method: 'POST',
      headers: user.headers,
      body: JSON.stringify({ clientId, mutations }),
    });
  const pull = (user: TestUser, query = '') =>
    server.app.request(`/api/sync/pull${query}`, { headers: user.headers });

  async function pullAll(
    user: TestUser,
    cursor = '',
  ): Promise<{ tasks: TaskRecord[]; cursor: string }> {
    const tasks: TaskRecord[] = [];
    let next = cursor;
    for (;;) {
      const res = await pull(user, `?limit=2${next ? `&cursor=${next}` : ''}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { tasks: TaskRecord[]; cursor: string; hasMore: boolean };
      tasks.push(...body.tasks);
      next = body.cursor;
      if (!body.hasMore) return { tasks, cursor: next };
    }
  }

  it('applies a push and returns the records with per-field clocks on pull', async () => {
    const user = await createTestUser();
    const create = createMutationFor('Buy milk');
    const edit = editMutation(create.taskId, { priority: 1 }, 1000);
    const res = await push(user, [create, edit]);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      applied: [create.id, edit.id],
      rejected: [],
      serverTime: expect.any(String),
    });

    const { tasks } = await pullAll(user);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ id: create.taskId, title: 'Buy milk', priority: 1 });
    expect(tasks[0].clock.title).toBe(create.hlc);
    expect(tasks[0].clock.priority).toBe(edit.hlc);
  });

  it('keeps the newer write per field whatever the arrival order', async () => {
    const user = await createTestUser();
    const create = createMutationFor('Draft', 0);
    const late = editMutation(create.taskId, { title: 'Final' }, 5000, 'BBBBBBBBBBBBBBBB');
    const early = editMutation(
      create.taskId,
      { title: 'Middle', notes: 'kept' },
      2000,
      'AAAAAAAAAAAAAAAA',
    );
    await push(user, [create, late]);
    await push(user, [early]);
    const { tasks } = await pullAll(user);
    expect(tasks[0]).toMatchObject({ title: 'Final', notes: 'kept' });
  });

  it('is idempotent: a replayed batch changes nothing and is acknowledged again', async () => {
    const user = await createTestUser();
    const batch = [createMutationFor('One'), createMutationFor('Two')];
    const { serverTime: _t1, ...first } = (await (await push(user, batch)).json()) as object & {
      serverTime: string;
    };
    const after1 = await pullAll(user);
    const replay = await push(user, batch, 'device-1-retry');
    const { serverTime: _t2, ...again } = (await replay.json()) as object & { serverTime: string };
    expect(again).toEqual(first);
    const after2 = await pullAll(user, after1.cursor);
    expect(after2.tasks).toEqual([]);
    const all = await pullAll(user);
    expect(all.tasks).toHaveLength(2);
  });

  it('rejects an invalid mutation without blocking the rest of the batch', async () => {
    const user = await createTestUser();
    const good = createMutationFor('Good');
    const badHlc = { ...createMutationFor('Bad'), hlc: 'yesterday' };
    const badField = {
      ...editMutation(good.taskId, { title: 'x' }, 10),
      changes: { colour: 'red' },
    };
    const badTitle = editMutation(good.taskId, { title: '' }, 20);
    const res = await push(user, [badHlc, good, badField, badTitle]);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      applied: string[];
      rejected: { id: string; code: string; message: string }[];
    };
    expect(body.applied).toEqual([good.id]);
    expect(body.rejected.map((r) => r.id)).toEqual([badHlc.id, badField.id, badTitle.id]);
    expect(body.rejected.every((r) => r.code === 'invalid_mutation')).toBe(true);
    expect(body.rejected[0].message).toMatch(/hlc/);
    const { tasks } = await pullAll(user);
    expect(tasks.map((t) => t.title)).toEqual(['Good']);
    // The rejection is recorded: a replay reports it again.
    const replay = (await (await push(user, [badHlc])).json()) as { rejected: unknown[] };
    expect(replay.rejected).toHaveLength(1);
  });

  it('syncs sub-tasks, and rejects a parent that makes a cycle or a tree deeper than 4 levels', async () => {
    const user = await createTestUser();
    const [a, b, c, d, e] = ['A', 'B', 'C', 'D', 'E'].map((t) => createMutationFor(t));
    const link = (child: { taskId: string }, parent: { taskId: string }, at: number) =>
      editMutation(child.taskId, { parentId: parent.taskId }, at);
    // b under a, c under b, d under c: four levels, in one batch with the creations.
    const chain = [link(b, a, 10), link(c, b, 20), link(d, c, 30)];
    const cycle = link(a, d, 40);
    const tooDeep = link(e, d, 50);
    const self = link(e, e, 60);
    const res = await push(user, [a, b, c, d, e, ...chain, cycle, tooDeep, self]);
    const body = (await res.json()) as {
      applied: string[];
      rejected: { id: string; code: string; message: string }[];
    };
    expect(body.rejected.map((r) => [r.id, r.code])).toEqual([
      [cycle.id, 'invalid_parent'],
      [tooDeep.id, 'invalid_parent'],
      [self.id, 'invalid_parent'],
    ]);
    expect(body.rejected[1].message).toMatch(/4 levels/);
    // A parent deleted elsewhere is not a reason to refuse: clients show the sub-task at top level.
    const gone = editMutation(a.taskId, { deletedAt: new Date(T0).toISOString() }, 70);
    const late = link(e, a, 80);
    const second = (await (await push(user, [gone, late])).json()) as { rejected: unknown[] };
    expect(second.rejected).toEqual([]);
    const { tasks } = await pullAll(user);
    const parentOf = Object.fromEntries(tasks.map((t) => [t.title, t.parentId ?? null]));
    expect(parentOf).toEqual({
      A: null,
      B: a.taskId,
      C: b.taskId,
      D: c.taskId,
      E: a.taskId,
    });
    expect(tasks.find((t) => t.title === 'B')!.clock.parentId).toBe(chain[0].hlc);
  });

  it('syncs reminders per field, and rejects hostile ones per mutation', async () => {
    const user = await createTestUser();
    const create = createMutationFor('Dentist');
    const reminders = [
      { id: randomUUID(), at: '2026-12-03T14:00:00.000Z' },
      { id: randomUUID(), before: 30 },
    ];
    const set = editMutation(create.taskId, { reminders }, 10);
    const tooMany = editMutation(
      create.taskId,
      { reminders: Array.from({ length: 11 }, () => ({ id: randomUUID(), before: 5 })) },
      20,
    );
    const badInstant = editMutation(
      create.taskId,
      { reminders: [{ id: randomUUID(), at: '2026-02-30T09:00:00Z' }] },
      30,
    );
    const nul = editMutation(create.taskId, { reminders: [{ id: 'a\u0000', before: 5 }] }, 40);
    const body = (await (await push(user, [create, set, tooMany, badInstant, nul])).json()) as {
      applied: string[];
      rejected: { id: string; code: string }[];
    };
    expect(body.applied).toEqual([create.id, set.id]);
    expect(body.rejected.map((r) => [r.id, r.code])).toEqual([
      [tooMany.id, 'invalid_mutation'],
      [badInstant.id, 'invalid_mutation'],
      [nul.id, 'invalid_mutation'],
    ]);
    const { tasks } = await pullAll(user);
    expect(tasks[0]).toMatchObject({ reminders, clock: { reminders: set.hlc } });
  });

  it('isolates users: pulls, pushes to the same task id, and the log', async () => {
    const m = createMutationFor('Alice secret');
    await push(alice, [m]);
    // Bob writes a task with the same id: it becomes his own task, Alice's is untouched.
    const hijack = editMutation(m.taskId, { title: 'Bob was here' }, 60_000);
    const res = await push(bob, [hijack]);
    expect(res.status).toBe(200);
    const aliceTasks = (await pullAll(alice)).tasks;
    const bobTasks = (await pullAll(bob)).tasks;
    expect(aliceTasks.find((t) => t.id === m.taskId)?.title).toBe('Alice secret');
    expect(bobTasks.every((t) => t.title !== 'Alice secret')).toBe(true);
    // Bob replaying Alice's mutation id applies to Bob's space, never reveals Alice's outcome.
    const replayed = (await (await push(bob, [m])).json()) as { applied: string[] };
    expect(replayed.applied).toEqual([m.id]);
    expect((await pullAll(alice)).tasks.find((t) => t.id === m.taskId)?.title).toBe('Alice secret');
  });

  it('pages with a cursor and never returns a change twice', async () => {
    const user = await createTestUser();
    const batch = Array.from({ length: 5 }, (_, i) => createMutationFor(`T${i}`, i));
    await push(user, batch);
    const first = await pullAll(user);
    expect(first.tasks.map((t) => t.title)).toEqual(['T0', 'T1', 'T2', 'T3', 'T4']);
    await push(user, [editMutation(batch[2].taskId, { notes: 'later' }, 10_000)]);
    const second = await pullAll(user, first.cursor);
    expect(second.tasks.map((t) => t.title)).toEqual(['T2']);
  });

  it('answers 410 cursor_expired for a cursor older than the pruned log, and a full pull still works', async () => {
    const user = await createTestUser();
    const keep = createMutationFor('Keep');
    const gone = createMutationFor('Gone');
    await push(user, [keep, gone]);
    const old = await pullAll(user);
    await push(user, [editMutation(gone.taskId, { deletedAt: '2026-01-01T00:00:00.000Z' }, 1000)]);
    const stale = old.cursor;
    await server.db.query('select public.archive_deleted_tasks($1::interval)', ['0 seconds']);
    const res = await pull(user, `?cursor=${stale}`);
    expect(res.status).toBe(410);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('cursor_expired');
    const full = await pullAll(user);
    expect(full.tasks.map((t) => t.title)).toEqual(['Keep']);
    const archived = await server.db.query(
      'select title from public.tasks_archive where owner = $1',
      [user.id],
    );
    expect(archived).toEqual([{ title: 'Gone' }]);
    // A cursor from the future (another database) is expired too.
    expect((await pull(user, '?cursor=999999')).status).toBe(410);
  });

  it('a full pull after 410 returns a cursor that is not expired, and lists the archived tasks on request', async () => {
    const user = await createTestUser();
    const keep = createMutationFor('Keep');
    const gone = createMutationFor('Archived');
    await push(user, [keep, gone]);
    const old = await pullAll(user);
    // The newest version is the archived task's deletion: no row left in `tasks` carries it.
    await push(user, [editMutation(gone.taskId, { deletedAt: '2026-01-01T00:00:00.000Z' }, 1000)]);
    await server.db.query('select public.archive_deleted_tasks($1::interval)', ['0 seconds']);
    expect((await pull(user, `?cursor=${old.cursor}`)).status).toBe(410);

    const res = await pull(user, '?include=archived');
    expect(res.status).toBe(200);
    const full = (await res.json()) as { tasks: TaskRecord[]; cursor: string; archived?: string[] };
    expect(full.tasks.map((t) => t.title)).toEqual(['Keep']);
    expect(full.archived).toEqual([gone.taskId]);
    // Without that cursor being at the user's sequence, every later pull would be 410 again: a loop
    // of full resyncs.
    const next = await pull(user, `?cursor=${full.cursor}`);
    expect(next.status).toBe(200);
    expect(((await next.json()) as { tasks: unknown[] }).tasks).toEqual([]);
    // Archived ids come only with a pull that asks for them.
    expect(((await (await pull(user)).json()) as { archived?: unknown }).archived).toBeUndefined();
  });

  it('validates the envelope: 400 with field paths, 415, 413, 401', async () => {
    const noClient = await server.app.request('/api/sync/push', {
      method: 'POST',
      headers: alice.headers,
      body: JSON.stringify({ mutations: [] }),
    });
    expect(noClient.status).toBe(400);
    const body = (await noClient.json()) as {
      error: { code: string; details: { issues: { path: string }[] } };
    };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.issues[0].path).toBe('clientId');

    const tooMany = Array.from({ length: 1001 }, (_, i) => ({ id: `m${i}` }));
    expect((await push(alice, tooMany)).status).toBe(400);

    const text = await server.app.request('/api/sync/push', {
      method: 'POST',
      headers: { authorization: alice.headers.authorization, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(text.status).toBe(415);

    const broken = await server.app.request('/api/sync/push', {
      method: 'POST',
      headers: alice.headers,
      body: '{"clientId":',
    });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { code: string } }).error.code).toBe('invalid_json');

    const big = JSON.stringify({ clientId: 'x', mutations: [], pad: 'x'.repeat(1024 * 1024) });
    const tooBig = await server.app.request('/api/sync/push', {
      method: 'POST',
      headers: alice.headers,
      body: big,
    });
    expect(tooBig.status).toBe(413);

    const anon = await server.app.request('/api/sync/pull');
    expect(anon.status).toBe(401);
    expect(
      (await server.app.request('/api/sync/pull?limit=0', { headers: alice.headers })).status,
    ).toBe(400);
    expect(
      (await server.app.request('/api/sync/pull?cursor=abc', { headers: alice.headers })).status,
    ).toBe(400);
  });

  it('records every applied and rejected mutation in sync_log with synced_at', async () => {
    const user = await createTestUser();
    const good = createMutationFor('Logged');
    const bad = { ...createMutationFor('Bad'), hlc: 'nope' };
    await push(user, [good, bad], 'laptop');
    const rows = await server.db.query<{
      mutation_id: string;
      status: string;
      client_id: string;
      synced_at: unknown;
    }>(
      'select mutation_id, status, client_id, synced_at from public.sync_log where owner = $1 order by status',
      [user.id],
    );
    expect(rows.map((r) => [r.mutation_id, r.status, r.client_id])).toEqual([
      [good.id, 'applied', 'laptop'],
      [bad.id, 'rejected', 'laptop'],
    ]);
    expect(rows[0].synced_at).toBeInstanceOf(Date);
  });

  it('scopes the task id namespace per owner in the database too', async () => {
    const id = randomUUID();
    await push(alice, [createMutationFor('A', 0, id)]);
    await push(bob, [createMutationFor('B', 0, id)]);
    const rows = await server.db.query('select owner from public.tasks where id = $1', [id]);
    expect(rows).toHaveLength(2);
  });
});
