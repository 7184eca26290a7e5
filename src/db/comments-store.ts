// The comments store: every local action on a task's comments. Like the other stores, each write is
// checked by the core schema, merged through the one `applyMutation` and stored with its outbox entry in
// one transaction. Deleting a comment sets `deletedAt`, so its Undo is one more write of that field.
import * as z from 'zod/mini';
import { commentTextSchema, commentsOfTask, createComment, toComment } from '../core/comment';
import type { Comment, CommentChanges, CommentRecord } from '../core/comment';
import type { Clock } from '../core/hlc';
import { tickAfter } from '../core/hlc';
import { applyMutation, createRecordMutation } from '../core/merge';
import type { CommentMutation } from '../core/merge';
import { describeValidationError } from '../core/task-shape';
import type { OutboxEntry, TendDb } from './database';
import { CommentNotFoundError, CommentValidationError, TaskNotFoundError } from './errors';
import { catchUpClock, saveClock } from './persistent-clock';

export interface CommentsStoreOptions {
  db: TendDb;
  clock: Clock;
  newId?: () => string;
  now?: () => number;
}

export interface CommentsStore {
  /** Posts a comment on a live task, time-stamped now. */
  addComment(taskId: string, text: string): Promise<Comment>;
  /**
   * Posts many comments at once (an import), in one transaction, time-stamped a millisecond apart so
   * they keep their given order; those on a task that is not stored are left out.
   */
  addComments(drafts: readonly { taskId: string; text: string }[]): Promise<Comment[]>;
  /** Replaces a comment's text: one write of one field. */
  editComment(id: string, text: string): Promise<Comment>;
  deleteComment(id: string): Promise<Comment>;
  /** Undoes `deleteComment`. */
  restoreComment(id: string): Promise<Comment>;
}

export function createCommentsStore({
  db,
  clock,
  newId = () => crypto.randomUUID(),
  now = Date.now,
}: CommentsStoreOptions): CommentsStore {
  const nowIso = () => new Date(now()).toISOString();

  function transact<T>(work: () => Promise<T>): Promise<T> {
    return db.transaction('rw', [db.comments, db.tasks, db.outbox, db.meta], async () => {
      await catchUpClock(db, clock);
      return work();
    });
  }

  async function commit(record: CommentRecord, mutation: CommentMutation): Promise<Comment> {
    return (await commitAll([{ record, mutation }]))[0];
  }

  async function commitAll(
    writes: { record: CommentRecord; mutation: CommentMutation }[],
  ): Promise<Comment[]> {
    const createdAt = nowIso();
    await db.comments.bulkPut(writes.map((w) => w.record));
    await db.outbox.bulkAdd(
      writes.map((w): OutboxEntry => ({ ...w.mutation, createdAt, attempts: 0 })),
    );
    await saveClock(db, clock);
    return writes.map((w) => toComment(w.record) as Comment);
  }

  /** A new comment's record and the mutation that posts it. */
  function post(taskId: string, text: string, postedAt: string) {
    const comment = validated(() =>
      createComment({ taskId, text }, { id: newId(), now: postedAt }),
    );
    const mutation = createRecordMutation('comment', comment, clock.tick(), newId());
    return { record: applyMutation(undefined, mutation).record, mutation };
  }

  async function write(id: string, changes: CommentChanges): Promise<Comment> {
    return transact(async () => {
      const record = await db.comments.get(id);
      if (!record || !toComment(record)) throw new CommentNotFoundError(id);
      const mutation: CommentMutation = {
        id: newId(),
        taskId: id,
        hlc: tickAfter(clock, Object.values(record.clock)),
        changes,
        kind: 'comment',
      };
      return commit(applyMutation(record, mutation).record, mutation);
    });
  }

  return {
    async addComment(taskId, text) {
      return transact(async () => {
        const task = await db.tasks.get(taskId);
        if (!task || task.deletedAt) throw new TaskNotFoundError(taskId);
        const { record, mutation } = post(taskId, text, nowIso());
        return commit(record, mutation);
      });
    },
    async addComments(drafts) {
      if (drafts.length === 0) return [];
      return transact(async () => {
        const tasks = await db.tasks.bulkGet([...new Set(drafts.map((d) => d.taskId))]);
        const live = new Set(tasks.flatMap((t) => (t && !t.deletedAt ? [t.id] : [])));
        const start = now();
        return commitAll(
          drafts
            .filter((d) => live.has(d.taskId))
            .map((d, i) => post(d.taskId, d.text, new Date(start + i).toISOString())),
        );
      });
    },
    async editComment(id, text) {
      return write(id, { text: validated(() => commentTextSchema.parse(text)) });
    },
    deleteComment: (id) => write(id, { deletedAt: nowIso() }),
    restoreComment: (id) => write(id, { deletedAt: null }),
  };
}

/** The comments the detail of `taskId` shows, oldest first; none while the task is deleted or unknown. */
export async function listComments(db: TendDb, taskId: string): Promise<Comment[]> {
  const task = await db.tasks.get(taskId);
  const records = await db.comments.where('taskId').equals(taskId).toArray();
  return commentsOfTask(records, task && { id: task.id, deletedAt: task.deletedAt ?? null });
}

function validated<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof z.core.$ZodError)
      throw new CommentValidationError(describeValidationError(error), error.issues);
    throw error;
  }
}
