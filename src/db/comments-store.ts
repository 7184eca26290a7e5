// The comments store: every local action on a task's comments. Like the other stores, each write is
// checked by the core schema, merged through the one `applyMutation` and stored with its outbox entry in
// one transaction. Deleting a comment sets `deletedAt`, so its Undo is one more write of that field.
import { commentTextSchema, commentsOfTask, createComment, toComment } from '../core/comment';
import type { Comment } from '../core/comment';
import type { TendDb } from './database';
import { CommentNotFoundError, CommentValidationError, TaskNotFoundError } from './errors';
import { createRecordStore } from './record-store';
import type { RecordStoreOptions } from './record-store';
import { validated } from './validated';

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

export function createCommentsStore(options: RecordStoreOptions): CommentsStore {
  const { db, newId, now, nowIso, transact, create, commit, update } = createRecordStore(
    'comment',
    { read: toComment, NotFound: CommentNotFoundError },
    options,
  );

  async function commitAll(written: ReturnType<typeof create>[]): Promise<Comment[]> {
    await commit(written);
    return written.map((w) => toComment(w.record) as Comment);
  }

  /** A new comment's record and the mutation that posts it. */
  function post(taskId: string, text: string, postedAt: string) {
    const comment = validated(
      () => createComment({ taskId, text }, { id: newId(), now: postedAt }),
      CommentValidationError,
    );
    return create(comment);
  }

  return {
    async addComment(taskId, text) {
      return transact(async () => {
        const task = await db.tasks.get(taskId);
        if (!task || task.deletedAt) throw new TaskNotFoundError(taskId);
        return (await commitAll([post(taskId, text, nowIso())]))[0];
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
      return update(id, {
        text: validated(() => commentTextSchema.parse(text), CommentValidationError),
      });
    },
    deleteComment: (id) => update(id, { deletedAt: nowIso() }),
    restoreComment: (id) => update(id, { deletedAt: null }),
  };
}

/** The comments the detail of `taskId` shows, oldest first; none while the task is deleted or unknown. */
export async function listComments(db: TendDb, taskId: string): Promise<Comment[]> {
  const task = await db.tasks.get(taskId);
  const records = await db.comments.where('taskId').equals(taskId).toArray();
  return commentsOfTask(records, task && { id: task.id, deletedAt: task.deletedAt ?? null });
}
