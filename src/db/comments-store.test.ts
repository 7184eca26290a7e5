import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { createClock } from '../core/hlc';
import { createCommentsStore, listComments } from './comments-store';
import { countComments } from './queries';
import { openTendDb } from './database';
import type { TendDb } from './database';
import { CommentNotFoundError, CommentValidationError, TaskNotFoundError } from './errors';
import { createTasksStore } from './tasks-store';

const T0 = Date.parse('2026-11-26T09:00:00.000Z');
let db: TendDb;

function setup() {
  db = openTendDb('comments-test', { indexedDB: new IDBFactory(), IDBKeyRange });
  let time = T0;
  let seq = 0;
  const now = () => time;
  const clock = createClock({ now, nodeId: 'AAAAAAAAAAAAAAAA' });
  const newId = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
  return {
    tasks: createTasksStore({ db, clock, now, newId, today: () => '2026-11-26' }),
    comments: createCommentsStore({ db, clock, now, newId }),
    advance: (ms: number) => (time += ms),
  };
}

afterEach(() => db?.close());

describe('comments store', () => {
  it('posts comments newest last, each queued for sync as a comment write', async () => {
    const { tasks, comments, advance } = setup();
    const task = await tasks.addTask({ title: 'Fix the sink' });
    await db.outbox.clear();
    const first = await comments.addComment(task.id, '  Call Sam  ');
    advance(1000);
    await comments.addComment(task.id, 'Parts at https://example.com/parts');
    expect(first).toMatchObject({
      taskId: task.id,
      text: 'Call Sam',
      postedAt: new Date(T0).toISOString(),
    });
    expect((await listComments(db, task.id)).map((c) => c.text)).toEqual([
      'Call Sam',
      'Parts at https://example.com/parts',
    ]);
    const queued = await db.outbox.orderBy('hlc').toArray();
    expect(queued).toEqual([
      expect.objectContaining({ kind: 'comment', taskId: first.id }),
      expect.objectContaining({ kind: 'comment' }),
    ]);
    expect(queued[0].changes).toEqual({
      taskId: task.id,
      text: 'Call Sam',
      postedAt: first.postedAt,
      deletedAt: null,
    });
  });

  it('edits the text as one field write, and keeps the posted time', async () => {
    const { tasks, comments, advance } = setup();
    const task = await tasks.addTask({ title: 'Fix the sink' });
    const posted = await comments.addComment(task.id, 'Call Sam');
    advance(60_000);
    await db.outbox.clear();
    const edited = await comments.editComment(posted.id, 'Call Sam at 9');
    expect(edited).toMatchObject({ text: 'Call Sam at 9', postedAt: posted.postedAt });
    expect((await db.outbox.toArray()).map((e) => e.changes)).toEqual([{ text: 'Call Sam at 9' }]);
  });

  it('deletes a comment and brings it back on Undo', async () => {
    const { tasks, comments } = setup();
    const task = await tasks.addTask({ title: 'Fix the sink' });
    const posted = await comments.addComment(task.id, 'Call Sam');
    await comments.deleteComment(posted.id);
    expect(await listComments(db, task.id)).toEqual([]);
    expect(await countComments(db, [task.id])).toEqual(new Map());
    await comments.restoreComment(posted.id);
    expect((await listComments(db, task.id)).map((c) => c.text)).toEqual(['Call Sam']);
    expect(await countComments(db, [task.id])).toEqual(new Map([[task.id, 1]]));
  });

  it('hides the comments of a deleted task and shows them again when it is restored', async () => {
    const { tasks, comments } = setup();
    const task = await tasks.addTask({ title: 'Fix the sink' });
    await comments.addComment(task.id, 'Call Sam');
    await tasks.deleteTask(task.id);
    expect(await listComments(db, task.id)).toEqual([]);
    await tasks.restoreTask(task.id);
    expect((await listComments(db, task.id)).map((c) => c.text)).toEqual(['Call Sam']);
  });

  it('refuses empty, oversized and unsafe text, unknown comments and deleted tasks, changing nothing', async () => {
    const { tasks, comments } = setup();
    const task = await tasks.addTask({ title: 'Fix the sink' });
    const before = await db.outbox.count();
    for (const text of ['', '   ', 'a\u0000b', 'lone \ud800', 'x'.repeat(20_001)])
      await expect(comments.addComment(task.id, text), JSON.stringify(text)).rejects.toThrow(
        CommentValidationError,
      );
    const posted = await comments.addComment(task.id, 'ok');
    await expect(comments.editComment(posted.id, '  ')).rejects.toThrow(CommentValidationError);
    await expect(comments.editComment('00000000-0000-4000-8000-999999999999', 'x')).rejects.toThrow(
      CommentNotFoundError,
    );
    await tasks.deleteTask(task.id);
    await expect(comments.addComment(task.id, 'late')).rejects.toThrow(TaskNotFoundError);
    expect(await db.comments.count()).toBe(1);
    expect(await db.outbox.count()).toBe(before + 2);
  });
});
