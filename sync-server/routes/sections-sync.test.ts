// Sections over the sync API: pushed with `kind: 'section'`, merged per field by the one merge, pulled in
// the same cursor range as tasks and projects, refused when hostile, and invisible to every other user.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMutationFor,
  editMutation,
  projectMutation,
  sectionMutation,
} from '../test/fixtures';
import type { TestServer, TestUser } from '../test/harness';
import { createTestServer, createTestUser, databaseKinds } from '../test/harness';
import { pullToEnd, pushAccepted } from '../test/sync-calls';

const kinds = await databaseKinds();

describe.each(kinds)('sections over the sync API on %s', (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await createTestServer(kind, 'sections');
  });
  afterAll(() => server.close());

  const push = (user: TestUser, mutations: unknown[]) => pushAccepted(server, user, mutations);

  const pullAll = (user: TestUser, cursor = '', limit = 2) =>
    pullToEnd(server, user, cursor, limit);

  it('merges section writes per field and renames without touching the tasks in it', async () => {
    const user = await createTestUser();
    const [projectId, sectionId] = [randomUUID(), randomUUID()];
    const task = createMutationFor('Write report', 10);
    const writes = [
      projectMutation(projectId, { name: 'Work' }, 0),
      sectionMutation(sectionId, { projectId, name: 'Doing', order: 1 }, 5),
      task,
      editMutation(task.taskId, { projectId, sectionId }, 20),
    ];
    expect((await push(user, writes)).rejected).toEqual([]);
    const first = await pullAll(user);
    expect(first.sections).toEqual([
      expect.objectContaining({ id: sectionId, projectId, name: 'Doing', order: 1 }),
    ]);
    expect(first.tasks[0]).toMatchObject({ id: task.taskId, projectId, sectionId });

    // Two devices: a rename (later) and a reorder (earlier, other node) both survive, in any order.
    const rename = sectionMutation(sectionId, { name: 'Done' }, 5000, 'BBBBBBBBBBBBBBBB');
    const reorder = sectionMutation(sectionId, { order: 3, name: 'Old' }, 3000, 'AAAAAAAAAAAAAAAA');
    await push(user, [rename]);
    await push(user, [reorder]);
    const after = await pullAll(user, first.cursor);
    expect(after.tasks).toEqual([]);
    expect(after.sections.at(-1)).toMatchObject({ id: sectionId, name: 'Done', order: 3 });
    expect(after.sections.at(-1)!.clock).toMatchObject({ name: rename.hlc, order: reorder.hlc });
  });

  it('pages tasks and sections through one cursor without skipping either', async () => {
    const user = await createTestUser();
    const projectId = randomUUID();
    const writes = [];
    for (let i = 0; i < 3; i++) {
      writes.push(createMutationFor(`task ${i}`, i * 10));
      writes.push(sectionMutation(randomUUID(), { projectId, name: `Section ${i}` }, i * 10 + 5));
    }
    await push(user, writes);
    const all = await pullAll(user, '', 1);
    expect(all.tasks.map((t) => t.title).sort()).toEqual(['task 0', 'task 1', 'task 2']);
    expect(all.sections.map((s) => s.name).sort()).toEqual(['Section 0', 'Section 1', 'Section 2']);
  });

  it('rejects hostile section writes and hostile section ids on tasks, and replays them as rejected', async () => {
    const user = await createTestUser();
    const [a, projectId] = [randomUUID(), randomUUID()];
    const task = createMutationFor('A task', 0);
    await push(user, [task]);
    const hostile = [
      sectionMutation(a, { projectId, name: 'nul\u0000' }, 0),
      sectionMutation(a, { projectId, name: 'lone \ud800' }, 0),
      sectionMutation(a, { projectId, name: 'x'.repeat(101) }, 0),
      sectionMutation(a, { projectId, name: '   ' }, 0),
      sectionMutation(a, { projectId: 'not-a-uuid', name: 'Doing' }, 0),
      sectionMutation(a, { order: Number.NaN }, 0),
      sectionMutation(a, { deletedAt: '2026-02-30T00:00:00Z' }, 0),
      { ...sectionMutation(a, { name: 'Doing' }, 0), changes: { colour: 'red' } },
      { ...sectionMutation(a, { name: 'Doing' }, 0), changes: {} },
      editMutation(task.taskId, { sectionId: 'x' }, 10),
    ];
    const reply = await push(user, hostile);
    expect(reply.applied).toEqual([]);
    expect(reply.rejected.map((r) => r.code)).toEqual(hostile.map(() => 'invalid_mutation'));
    const again = await push(user, hostile.slice(0, 1));
    expect(again.rejected.map((r) => r.code)).toEqual(['invalid_mutation']);
    const { sections, tasks } = await pullAll(user);
    expect(sections).toEqual([]);
    expect(tasks[0].sectionId).toBeNull();
  });

  it('keeps each user to their own sections, even under the same id', async () => {
    const [alice, mallory] = [await createTestUser(), await createTestUser()];
    const [sectionId, projectId] = [randomUUID(), randomUUID()];
    await push(alice, [sectionMutation(sectionId, { projectId, name: 'Alice private' }, 0)]);
    // Mallory writes to the same id: a section of her own, never Alice's.
    await push(mallory, [sectionMutation(sectionId, { projectId, name: 'Mallory' }, 1000)]);
    expect((await pullAll(alice)).sections).toEqual([
      expect.objectContaining({ id: sectionId, name: 'Alice private' }),
    ]);
    expect((await pullAll(mallory)).sections).toEqual([
      expect.objectContaining({ id: sectionId, name: 'Mallory' }),
    ]);
  });
});
