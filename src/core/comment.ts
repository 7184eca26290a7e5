// The comment: a piece of text posted on a task, synced per field like sections (one merge, its own
// record kind). Editing a comment's text is one field write; deleting it sets `deletedAt`. A comment holds
// its task's id, so the task itself is never rewritten when a comment is added.
import * as z from 'zod/mini';
import { isoSchema, recordKind, safeText } from './record-schema';
import type { StoredRecord } from './record-schema';

/** The comment fields that sync; each carries its own last-writer-wins timestamp. */
export const COMMENT_FIELDS = ['taskId', 'text', 'postedAt', 'deletedAt'] as const;
export type CommentField = (typeof COMMENT_FIELDS)[number];

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

const commentFieldsSchema = z.object({
  taskId: z.uuid({ error: 'Task must be a task id' }),
  text: commentTextSchema,
  /** When the comment was first posted; written once, with the comment, and never edited. */
  postedAt: isoSchema,
  deletedAt: z.nullable(isoSchema),
});

const comment = recordKind(commentFieldsSchema, { deletedAt: null });

export const commentSchema = comment.schema;
export const commentChangesSchema = comment.changesSchema;
export type Comment = z.infer<typeof commentSchema>;
export type CommentChanges = z.infer<typeof commentChangesSchema>;
export type CommentRecord = StoredRecord<z.infer<typeof commentFieldsSchema>>;

export function createComment(
  fields: { taskId: string; text: string },
  ids: { id: string; now: string },
): Comment {
  return comment.create({ ...fields, postedAt: ids.now }, ids);
}

/** The comment a view can show, or null while the record still lacks its task, text or time. */
export const toComment = comment.read;

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
