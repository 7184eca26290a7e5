// The task: one zod schema validates every write, on the page, in the service worker and on the server.
// zod/mini, not classic zod (classic costs ~25 KB gzip, mini ~5 KB); the first paint does not load it at all.
import * as z from 'zod/mini';
import { isoSchema, nameSchema, recordKind, safeText } from './record-schema';
import {
  DATE_RE,
  DATETIME_RE,
  DEFAULT_FIELDS,
  MAX_REMINDER_BEFORE_MINUTES,
  MAX_REMINDERS,
  isRealDate,
} from './task-shape';

// Zod-free parts live in task-shape.ts so the first paint can use them without loading zod.
export {
  DATE_RE,
  DATETIME_RE,
  DEFAULT_FIELDS,
  MAX_REMINDER_BEFORE_MINUTES,
  MAX_REMINDERS,
  SYNCED_FIELDS,
  describeValidationError,
  isRealDate,
} from './task-shape';
export type { SyncedField } from './task-shape';

/** `YYYY-MM-DD` (all-day) or local wall-clock `YYYY-MM-DDTHH:mm`; no zone, because a due time follows the user. */
const dueSchema = z.nullable(
  z.string().check(
    z.refine((s) => DATE_RE.test(s) || DATETIME_RE.test(s), {
      message: 'Due must be YYYY-MM-DD or YYYY-MM-DDTHH:mm',
    }),
    z.refine((s) => isRealDate(s.slice(0, 10)), { message: 'Due is not a real calendar date' }),
  ),
);

const prioritySchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], {
  error: 'Priority must be 1, 2, 3 or 4',
});
export type Priority = z.infer<typeof prioritySchema>;

const reminderIdSchema = z.uuid({ error: 'Reminder id must be a UUID' });
/**
 * A reminder at an instant, or `before` minutes ahead of the task's timed due date (resolved in the time
 * zone the device reports: src/core/reminders.ts).
 */
const reminderSchema = z.union(
  [
    z.strictObject({ id: reminderIdSchema, at: isoSchema }),
    z.strictObject({
      id: reminderIdSchema,
      before: z
        .int({ error: 'Minutes before must be a whole number' })
        .check(
          z.gte(0, 'Minutes before must not be negative'),
          z.lte(MAX_REMINDER_BEFORE_MINUTES, 'At most four weeks before'),
        ),
    }),
  ],
  { error: 'A reminder is { id, at } or { id, before }' },
);
export type Reminder = z.infer<typeof reminderSchema>;

const remindersSchema = z.array(reminderSchema).check(
  z.maxLength(MAX_REMINDERS, `At most ${MAX_REMINDERS} reminders`),
  z.refine((list) => new Set(list.map((r) => r.id)).size === list.length, {
    message: 'Reminder ids must be unique',
  }),
);

export const taskFieldsSchema = z.object({
  title: z
    .string({ error: 'Title is required' })
    .check(
      z.trim(),
      z.minLength(1, 'Title is required'),
      z.maxLength(500, 'Title is at most 500 characters'),
      safeText,
    ),
  notes: z.string().check(z.maxLength(20_000, 'Notes are at most 20,000 characters'), safeText),
  due: dueSchema,
  priority: prioritySchema,
  project: z.nullable(nameSchema),
  labels: z.array(nameSchema).check(z.maxLength(50, 'At most 50 labels')),
  recurrence: z.nullable(
    z
      .string()
      .check(
        z.maxLength(500),
        z.regex(/^FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)(;[A-Z]+=[A-Z0-9,+-]+)*$/, 'Not an RRULE'),
      ),
  ),
  completedAt: z.nullable(isoSchema),
  deletedAt: z.nullable(isoSchema),
  order: z.number().check(z.refine(Number.isFinite, 'Order must be a finite number')),
  /** The task this one is a sub-task of; cycles and depth are checked against the other tasks (hierarchy.ts). */
  parentId: z.nullable(z.uuid({ error: 'Parent must be a task id' })),
  /**
   * The project record the task is in (project.ts). It wins over `project`, the name older clients and
   * REST callers write, which resolves to a project by name (`effectiveProjectId`).
   */
  projectId: z.nullable(z.uuid({ error: 'Project must be a project id' })),
  reminders: remindersSchema,
  /** The section of its project the task sits in (section.ts); null: none. */
  sectionId: z.nullable(z.uuid({ error: 'Section must be a section id' })),
  /**
   * The label records the task has (label.ts), beside `labels`, the names older clients write; the later
   * written of the two wins (`effectiveLabelIds`). Null: never written by a label-aware client.
   */
  labelIds: z.nullable(
    z
      .array(z.uuid({ error: 'Label must be a label id' }))
      .check(z.maxLength(50, 'At most 50 labels')),
  ),
});

const task = recordKind(taskFieldsSchema, DEFAULT_FIELDS, 'A task cannot be its own sub-task');

export const taskSchema = task.schema;
export type TaskFields = z.infer<typeof taskFieldsSchema>;
export type Task = z.infer<typeof taskSchema>;

/** A partial write: which fields changed, validated field by field. */
export const taskChangesSchema = task.changesSchema;
export type TaskChanges = z.infer<typeof taskChangesSchema>;

/**
 * A task to create: its title, any other fields (the rest take their defaults) and, where the caller must
 * name it up front, its id (a capture journal, so a replay never adds it twice; an import, so sub-tasks
 * can name their parent).
 */
export type NewTask = Partial<TaskFields> & { title: string; id?: string };

/** Builds a complete, validated task; throws a zod error that `describeValidationError` turns into text. */
export function createTask(fields: NewTask, ids: { id: string; now: string }): Task {
  return task.create(fields, ids);
}

/** The task a view can show, or null while the record is still missing required fields. */
export const toTask = task.read;
