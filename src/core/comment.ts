// The comment: a piece of text posted on a task, synced per field like sections (one merge, its own
// record kind). Editing a comment's text is one field write; deleting it sets `deletedAt`. A comment holds
// its task's id, so the task itself is never rewritten when a comment is added.
import * as z from 'zod/mini';
import {
  changesSchemaOf,
  createRecord,
  isoSchema,
  readRecord,
  recordIdentity,
  safeText,
} from './record-schema';

/** The comment fields that sync; each carries its own last-writer-wins timestamp. */
export const COMMENT_FIELDS = ['taskId', 'text', 'postedAt', 'deletedAt'] as const;
export type CommentField = (typeof COMMENT_FIELDS)[number];
export type CommentClock = Partial<Record<CommentField, string>>;

/** As long as notes may be, and never empty: an empty comment is deleted, not saved. */
export const MAX_COMMENT_LENGTH = 20_000;

export const commentTextSchema = z
  .string({ error: 'Comment text is required' })
  .check(
    z.trim(),
    z.minLength(1, 'A comment must not be empty'),
    z.maxLength(MAX_COMMENT_LENGTH, 'A comment is at most 20,000 characters'),
    safeText,
  );

export const commentFieldsSchema = z.object({
  taskId: z.uuid({ error: 'Task must be a task id' }),
  text: commentTextSchema,
  /** When the comment was first posted; written once, with the comment, and never edited. */
  postedAt: isoSchema,
  deletedAt: z.nullable(isoSchema),
});

export const commentSchema = z.extend(commentFieldsSchema, recordIdentity);

export type CommentFields = z.infer<typeof commentFieldsSchema>;
export type Comment = z.infer<typeof commentSchema>;

export const commentChangesSchema = changesSchemaOf(commentFieldsSchema);
export type CommentChanges = z.infer<typeof commentChangesSchema>;

const DEFAULT_COMMENT_FIELDS: Pick<CommentFields, 'deletedAt'> = { deletedAt: null };

/** A comment as replicas store it: fields may be partial while an out-of-order delivery is pending. */
export type CommentRecord = Partial<CommentFields> & {
  id: string;
  createdAt: string;
  updatedAt: string;
  clock: CommentClock;
};

export function createComment(
  fields: { taskId: string; text: string },
  ids: { id: string; now: string },
): Comment {
  return createRecord(commentSchema, DEFAULT_COMMENT_FIELDS, { ...fields, postedAt: ids.now }, ids);
}

/** The comment a view can show, or null while the record still lacks its task, text or time. */
export function toComment(record: CommentRecord): Comment | null {
  return readRecord(commentSchema, DEFAULT_COMMENT_FIELDS, record);
}

/**
 * The comments a task shows, oldest first (ties by id, so every replica lists them alike): live comments
 * of a live task. A comment whose task is deleted (or not here yet) is hidden, not deleted, so restoring
 * the task brings its comments back unchanged.
 */
export function commentsOfTask(
  comments: Iterable<CommentRecord>,
  task: { id: string; deletedAt?: string | null } | undefined,
): Comment[] {
  if (!task || task.deletedAt) return [];
  const out: Comment[] = [];
  for (const record of comments) {
    const comment = toComment(record);
    if (comment && comment.taskId === task.id && !comment.deletedAt) out.push(comment);
  }
  return out.sort(
    (a, b) => a.postedAt.localeCompare(b.postedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
