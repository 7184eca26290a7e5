// The task: one zod schema validates every write, on the page, in the service worker and on the server.
import { z } from 'zod';

export const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const DATETIME_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/;

/** `YYYY-MM-DD` (all-day) or local wall-clock `YYYY-MM-DDTHH:mm`; no zone, because a due time follows the user. */
export const dueSchema = z
  .string()
  .refine((s) => DATE_RE.test(s) || DATETIME_RE.test(s), {
    message: 'Due must be YYYY-MM-DD or YYYY-MM-DDTHH:mm',
  })
  .refine((s) => isRealDate(s.slice(0, 10)), { message: 'Due is not a real calendar date' })
  .nullable();

export const prioritySchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export type Priority = z.infer<typeof prioritySchema>;

const isoSchema = z.iso.datetime({ offset: true });
const nameSchema = z.string().trim().min(1, 'Must not be empty').max(100, 'At most 100 characters');

export const taskFieldsSchema = z.object({
  title: z.string().trim().min(1, 'Title is required').max(500, 'Title is at most 500 characters'),
  notes: z.string().max(20_000, 'Notes are at most 20,000 characters'),
  due: dueSchema,
  priority: prioritySchema,
  project: nameSchema.nullable(),
  labels: z.array(nameSchema).max(50, 'At most 50 labels'),
  recurrence: z
    .string()
    .max(500)
    .regex(/^FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)(;[A-Z]+=[A-Z0-9,+-]+)*$/, 'Not an RRULE')
    .nullable(),
  completedAt: isoSchema.nullable(),
  deletedAt: isoSchema.nullable(),
  order: z.number().finite(),
});

export const taskSchema = taskFieldsSchema.extend({
  id: z.uuid(),
  createdAt: isoSchema,
  updatedAt: isoSchema,
});

export type TaskFields = z.infer<typeof taskFieldsSchema>;
export type Task = z.infer<typeof taskSchema>;

/** The fields that sync; each carries its own last-writer-wins timestamp. */
export const SYNCED_FIELDS = [
  'title',
  'notes',
  'due',
  'priority',
  'project',
  'labels',
  'recurrence',
  'completedAt',
  'deletedAt',
  'order',
] as const satisfies readonly (keyof TaskFields)[];
export type SyncedField = (typeof SYNCED_FIELDS)[number];

/** Per-field HLC timestamps of the last write. */
export type FieldClock = Partial<Record<SyncedField, string>>;

/** A partial write: which fields changed, validated field by field. */
export const taskChangesSchema = taskFieldsSchema.partial().strict();
export type TaskChanges = z.infer<typeof taskChangesSchema>;

export const DEFAULT_FIELDS: Omit<TaskFields, 'title'> = {
  notes: '',
  due: null,
  priority: 4,
  project: null,
  labels: [],
  recurrence: null,
  completedAt: null,
  deletedAt: null,
  order: 0,
};

export function isRealDate(ymd: string): boolean {
  const [y, m, d] = ymd.split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** Builds a complete, validated task; throws a ZodError that `describeValidationError` turns into text. */
export function createTask(
  fields: Partial<TaskFields> & { title: string },
  ids: { id: string; now: string },
): Task {
  return taskSchema.parse({
    ...DEFAULT_FIELDS,
    ...fields,
    id: ids.id,
    createdAt: ids.now,
    updatedAt: ids.now,
  });
}

/** One line a person can read, naming the field: "title: Title is required". */
export function describeValidationError(error: z.ZodError): string {
  return error.issues
    .map((issue) =>
      issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
}
