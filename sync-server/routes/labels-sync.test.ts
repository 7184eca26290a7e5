// Labels over the sync API: pushed with `kind: 'label'`, merged per field by the one merge, pulled in the
// same cursor range as tasks, projects and sections, refused when hostile, and invisible to every other
// user (the account export and deletion are in account.test.ts).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMutationFor, editMutation, labelMutation } from '../test/fixtures';
import type { TestServer, TestUser } from '../test/harness';
import { createTestServer, createTestUser, databaseKinds } from '../test/harness';
import { pullToEnd, pushAccepted } from '../test/sync-calls';

const kinds = await databaseKinds();

describe.each(kinds)('labels over the sync API on %s', (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await createTestServer(kind, 'labels');
  });
  afterAll(() => server.close());

  const push = (user: TestUser, mutations: unknown[]) => pushAccepted(server, user, mutations);
  const pullAll = (user: TestUser, cursor = '', limit = 2) =>
    pullToEnd(server, user, cursor, limit);

  it('renames and recolours a label per field without touching the tasks that have it', async () => {
    const user = await createTestUser();
    const labelId = randomUUID();
    const task = createMutationFor('Buy stamps', 10);
    const writes = [
      labelMutation(labelId, { name: 'errands', colour: 'grey', order: 0, deletedAt: null }, 0),
      task,
      editMutation(task.taskId, { labels: ['errands'], labelIds: [labelId] }, 20),
    ];
    expect((await push(user, writes)).rejected).toEqual([]);
    const first = await pullAll(user);
    expect(first.labels).toEqual([
      expect.objectContaining({ id: labelId, name: 'errands', colour: 'grey' }),
    ]);
    expect(first.tasks[0]).toMatchObject({ labels: ['errands'], labelIds: [labelId] });

    // Two devices: a rename (later) and a recolour (earlier, other node) both survive, in any order.
    const rename = labelMutation(labelId, { name: 'shopping' }, 5000, 'BBBBBBBBBBBBBBBB');
    const recolour = labelMutation(
      labelId,
      { colour: 'teal', name: 'old' },
      3000,
      'AAAAAAAAAAAAAAAA',
    );
    await push(user, [rename]);
    await push(user, [recolour]);
    const after = await pullAll(user, first.cursor);
    expect(after.tasks).toEqual([]);
    expect(after.labels.at(-1)).toMatchObject({ id: labelId, name: 'shopping', colour: 'teal' });
    expect(after.labels.at(-1)!.clock).toMatchObject({ name: rename.hlc, colour: recolour.hlc });
  });

  it('pages tasks and labels through one cursor without skipping either', async () => {
    const user = await createTestUser();
    const writes = [];
    for (let i = 0; i < 3; i++) {
      writes.push(createMutationFor(`task ${i}`, i * 10));
      writes.push(labelMutation(randomUUID(), { name: `label ${i}` }, i * 10 + 5));
    }
    await push(user, writes);
    const all = await pullAll(user, '', 1);
    expect(all.tasks.map((t) => t.title).sort()).toEqual(['task 0', 'task 1', 'task 2']);
    expect(all.labels.map((l) => l.name).sort()).toEqual(['label 0', 'label 1', 'label 2']);
  });

  it('rejects hostile label writes and hostile label ids on tasks', async () => {
    const user = await createTestUser();
    const a = randomUUID();
    const task = createMutationFor('A task', 0);
    await push(user, [task]);
    const hostile = [
      labelMutation(a, { name: 'nul\u0000' }, 0),
      labelMutation(a, { name: 'lone \ud800' }, 0),
      labelMutation(a, { name: 'x'.repeat(101) }, 0),
      labelMutation(a, { name: '   ' }, 0),
      { ...labelMutation(a, { name: 'ok' }, 0), changes: { colour: '#ff0000' } },
      labelMutation(a, { order: Number.POSITIVE_INFINITY }, 0),
      { ...labelMutation(a, { name: 'ok' }, 0), changes: { archived: true } },
      { ...labelMutation(a, { name: 'ok' }, 0), changes: {} },
      editMutation(task.taskId, { labelIds: ['errands'] } as never, 10),
      editMutation(task.taskId, { labelIds: Array(51).fill(a) }, 10),
    ];
    const reply = await push(user, hostile);
    expect(reply.applied).toEqual([]);
    expect(reply.rejected.map((r) => r.code)).toEqual(hostile.map(() => 'invalid_mutation'));
    const { labels, tasks } = await pullAll(user);
    expect(labels).toEqual([]);
    expect(tasks[0].labelIds).toBeNull();
  });

  it('keeps each user to their own labels, even under the same id', async () => {
    const [alice, mallory] = [await createTestUser(), await createTestUser()];
    const labelId = randomUUID();
    await push(alice, [labelMutation(labelId, { name: 'alice private' }, 0)]);
    await push(mallory, [labelMutation(labelId, { name: 'mallory' }, 1000)]);
    expect((await pullAll(alice)).labels).toEqual([
      expect.objectContaining({ id: labelId, name: 'alice private' }),
    ]);
    expect((await pullAll(mallory)).labels).toEqual([
      expect.objectContaining({ id: labelId, name: 'mallory' }),
    ]);
  });
});
