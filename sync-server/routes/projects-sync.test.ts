// Projects over the sync API: pushed with `kind: 'project'`, merged per field by the one merge, pulled in
// the same cursor range as tasks, refused when hostile or cyclic, and invisible to every other user.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMutationFor, editMutation, projectMutation } from '../test/fixtures';
import type { TestServer, TestUser } from '../test/harness';
import { createTestServer, createTestUser, databaseKinds } from '../test/harness';
import { pullToEnd, pushAccepted } from '../test/sync-calls';

const kinds = await databaseKinds();

describe.each(kinds)('projects over the sync API on %s', (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await createTestServer(kind, 'projects');
  });
  afterAll(() => server.close());

  const push = (user: TestUser, mutations: unknown[]) => pushAccepted(server, user, mutations);

  const pullAll = (user: TestUser, cursor = '', limit = 2) =>
    pullToEnd(server, user, cursor, limit);

  it('merges project writes per field and renames without touching the tasks in it', async () => {
    const user = await createTestUser();
    const projectId = randomUUID();
    const create = projectMutation(projectId, { name: 'Work', colour: 'blue', order: 1 }, 0);
    const task = createMutationFor('Write report', 10);
    const move = editMutation(task.taskId, { projectId }, 20);
    expect((await push(user, [create, task, move])).rejected).toEqual([]);
    const first = await pullAll(user);
    expect(first.projects).toEqual([
      expect.objectContaining({ id: projectId, name: 'Work', colour: 'blue', order: 1 }),
    ]);
    expect(first.tasks[0]).toMatchObject({ id: task.taskId, projectId });

    // Two devices: a rename (later) and a recolour (earlier, other node) both survive, in any order.
    const rename = projectMutation(projectId, { name: 'Job' }, 5000, 'BBBBBBBBBBBBBBBB');
    const recolour = projectMutation(
      projectId,
      { colour: 'red', name: 'Old' },
      3000,
      'AAAAAAAAAAAAAAAA',
    );
    await push(user, [rename]);
    await push(user, [recolour]);
    const after = await pullAll(user, first.cursor);
    expect(after.tasks).toEqual([]);
    expect(after.projects.at(-1)).toMatchObject({ id: projectId, name: 'Job', colour: 'red' });
    expect(after.projects.at(-1)!.clock).toMatchObject({ name: rename.hlc, colour: recolour.hlc });
  });

  it('pages tasks and projects through one cursor without skipping either', async () => {
    const user = await createTestUser();
    const writes = [];
    for (let i = 0; i < 3; i++) {
      writes.push(createMutationFor(`task ${i}`, i * 10));
      writes.push(projectMutation(randomUUID(), { name: `Project ${i}` }, i * 10 + 5));
    }
    await push(user, writes);
    const all = await pullAll(user, '', 1);
    expect(all.tasks.map((t) => t.title).sort()).toEqual(['task 0', 'task 1', 'task 2']);
    expect(all.projects.map((p) => p.name).sort()).toEqual(['Project 0', 'Project 1', 'Project 2']);
  });

  it('rejects hostile project writes and cycles, and replays them as rejected', async () => {
    const user = await createTestUser();
    const [a, b] = [randomUUID(), randomUUID()];
    const hostile = [
      projectMutation(a, { name: 'nul\u0000' }, 0),
      projectMutation(a, { name: 'lone \ud800' }, 0),
      projectMutation(a, { name: 'x'.repeat(101) }, 0),
      projectMutation(a, { colour: 'chartreuse' as 'red' }, 0),
      { ...projectMutation(a, { name: 'Work' }, 0), changes: { title: 'a task field' } },
      { ...projectMutation(a, { name: 'Work' }, 0), kind: 'tag' },
    ];
    const reply = await push(user, hostile);
    expect(reply.applied).toEqual([]);
    expect(reply.rejected.map((r) => r.code)).toEqual(hostile.map(() => 'invalid_mutation'));

    const ok = await push(user, [
      projectMutation(a, { name: 'A' }, 0),
      projectMutation(b, { name: 'B', parentId: a }, 10),
    ]);
    expect(ok.rejected).toEqual([]);
    const cycle = projectMutation(a, { parentId: b }, 20);
    const refused = await push(user, [cycle]);
    expect(refused.rejected).toEqual([
      { id: cycle.id, code: 'invalid_parent', message: expect.stringMatching(/sub-projects/) },
    ]);
    expect((await push(user, [cycle])).rejected[0].code).toBe('invalid_parent');
    const { projects } = await pullAll(user);
    expect(projects.find((p) => p.id === a)?.parentId ?? null).toBeNull();
  });

  it('keeps each user to their own projects, even under the same id', async () => {
    const [alice, mallory] = [await createTestUser(), await createTestUser()];
    const projectId = randomUUID();
    await push(alice, [projectMutation(projectId, { name: 'Alice private' }, 0)]);
    // Mallory writes to the same id: a project of her own, never Alice's.
    await push(mallory, [projectMutation(projectId, { name: 'Mallory' }, 1000)]);
    expect((await pullAll(alice)).projects).toEqual([
      expect.objectContaining({ id: projectId, name: 'Alice private' }),
    ]);
    expect((await pullAll(mallory)).projects).toEqual([
      expect.objectContaining({ id: projectId, name: 'Mallory' }),
    ]);
  });
});
