// Comments over the sync API: pushed with `kind: 'comment'`, merged per field by the one merge (an edit of
// the text is one field), pulled in the same cursor range as tasks, refused when hostile, and invisible to
// every other user.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentMutation, createMutationFor, editMutation, T0 } from '../test/fixtures';
import type { TestServer, TestUser } from '../test/harness';
import { createTestServer, createTestUser, databaseKinds } from '../test/harness';
import { pullToEnd, pushAccepted } from '../test/sync-calls';

const kinds = await databaseKinds();
const POSTED = new Date(T0).toISOString();

describe.each(kinds)('comments over the sync API on %s', (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await createTestServer(kind, 'comments');
  });
  afterAll(() => server.close());

  const push = (user: TestUser, mutations: unknown[]) => pushAccepted(server, user, mutations);
  const pullAll = (user: TestUser, cursor = '', limit = 2) =>
    pullToEnd(server, user, cursor, limit);
  const post = (commentId: string, taskId: string, text: string, offsetMs = 0) =>
    commentMutation(commentId, { taskId, text, postedAt: POSTED, deletedAt: null }, offsetMs);

  it('merges comment writes per field and never rewrites the task they are on', async () => {
    const user = await createTestUser();
    const commentId = randomUUID();
    const task = createMutationFor('Fix the sink', 0);
    expect(
      (await push(user, [task, post(commentId, task.taskId, 'Call Sam', 5)])).rejected,
    ).toEqual([]);
    const first = await pullAll(user);
    expect(first.comments).toEqual([
      expect.objectContaining({
        id: commentId,
        taskId: task.taskId,
        text: 'Call Sam',
        postedAt: POSTED,
        deletedAt: null,
      }),
    ]);

    // Two devices: an edit of the text (later) and a delete (earlier, other node) both survive.
    const edit = commentMutation(commentId, { text: 'Call Sam at 9' }, 5000, 'BBBBBBBBBBBBBBBB');
    const remove = commentMutation(
      commentId,
      { deletedAt: new Date(T0 + 3000).toISOString(), text: 'old' },
      3000,
      'AAAAAAAAAAAAAAAA',
    );
    await push(user, [edit]);
    await push(user, [remove]);
    const after = await pullAll(user, first.cursor);
    expect(after.tasks).toEqual([]);
    expect(after.comments.at(-1)).toMatchObject({ id: commentId, text: 'Call Sam at 9' });
    expect(after.comments.at(-1)!.deletedAt).toBe(new Date(T0 + 3000).toISOString());
    expect(after.comments.at(-1)!.clock).toMatchObject({ text: edit.hlc, deletedAt: remove.hlc });
  });

  it('pages tasks and comments through one cursor without skipping either', async () => {
    const user = await createTestUser();
    const writes = [];
    for (let i = 0; i < 3; i++) {
      const task = createMutationFor(`task ${i}`, i * 10);
      writes.push(task, post(randomUUID(), task.taskId, `comment ${i}`, i * 10 + 5));
    }
    await push(user, writes);
    const all = await pullAll(user, '', 1);
    expect(all.tasks.map((t) => t.title).sort()).toEqual(['task 0', 'task 1', 'task 2']);
    expect(all.comments.map((c) => c.text).sort()).toEqual(['comment 0', 'comment 1', 'comment 2']);
  });

  it('rejects hostile comment writes, and replays them as rejected', async () => {
    const user = await createTestUser();
    const [a, taskId] = [randomUUID(), randomUUID()];
    const hostile = [
      post(a, taskId, 'nul\u0000'),
      post(a, taskId, 'lone \ud800'),
      post(a, taskId, 'x'.repeat(20_001)),
      post(a, taskId, '   '),
      post(a, 'not-a-uuid', 'Hi'),
      commentMutation(a, { postedAt: 'yesterday' }, 0),
      commentMutation(a, { deletedAt: '2026-02-30T00:00:00Z' }, 0),
      { ...commentMutation(a, { text: 'Hi' }, 0), changes: { title: 'a task field' } },
      { ...commentMutation(a, { text: 'Hi' }, 0), changes: {} },
      { ...commentMutation(a, { text: 'Hi' }, 0), taskId: 'not-a-uuid' },
    ];
    const reply = await push(user, hostile);
    expect(reply.applied).toEqual([]);
    expect(reply.rejected.map((r) => r.code)).toEqual(hostile.map(() => 'invalid_mutation'));
    const again = await push(user, hostile.slice(0, 1));
    expect(again.rejected.map((r) => r.code)).toEqual(['invalid_mutation']);
    expect((await pullAll(user)).comments).toEqual([]);
  });

  it('keeps each user to their own comments, even under the same id', async () => {
    const [alice, mallory] = [await createTestUser(), await createTestUser()];
    const [commentId, taskId] = [randomUUID(), randomUUID()];
    await push(alice, [post(commentId, taskId, 'Alice private')]);
    // Mallory writes to the same id (and names Alice's task): a comment of her own, never Alice's.
    await push(mallory, [commentMutation(commentId, { text: 'Mallory' }, 1000)]);
    await push(mallory, [editMutation(taskId, { title: 'Mallory task' }, 1000)]);
    expect((await pullAll(alice)).comments).toEqual([
      expect.objectContaining({ id: commentId, text: 'Alice private' }),
    ]);
    expect((await pullAll(mallory)).comments).toEqual([
      expect.objectContaining({ id: commentId, text: 'Mallory' }),
    ]);
  });
});
