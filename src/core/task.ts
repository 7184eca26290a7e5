// The task: one zod schema validates every write, on the page, in the service worker and on the server.
// zod/mini, not classic zod: this file ships in the initial bundle (classic costs ~25 KB gzip, mini ~5 KB).
import * as z from 'zod/mini';

export const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const DATETIME_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/;

/** `YYYY-MM-DD` (all-day) or local wall-clock `YYYY-MM-DDTHH:mm`; no zone, because a due time follows the user. */
export const dueSchema = z.nullable(
  z.string().check(
    z.refine((s) => DATE_RE.test(s) || DATETIME_RE.test(s), {
      message: 'Due must be YYYY-MM-DD or YYYY-MM-DDTHH:mm',
    }),
    z.refine((s) => isRealDate(s.slice(0, 10)), { message: 'Due is not a real calendar date' }),
  ),
);

export const prioritySchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], {
  error: 'Priority must be 1, 2, 3 or 4',
});
export type Priority = z.infer<typeof prioritySchema>;

const isoSchema = z.iso.datetime({ offset: true, error: 'Must be an ISO date-time' });
const nameSchema = z
  .string()
  .check(z.trim(), z.minLength(1, 'Must not be empty'), z.maxLength(100, 'At most 100 characters'));

export const taskFieldsSchema = z.object({
  title: z
    .string({ error: 'Title is required' })
    .check(
      z.trim(),
      z.minLength(1, 'Title is required'),
      z.maxLength(500, 'Title is at most 500 characters'),
    ),
  notes: z.string().check(z.maxLength(20_000, 'Notes are at most 20,000 characters')),
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
});

export const taskSchema = z.extend(taskFieldsSchema, {
  id: z.uuid({ error: 'Must be a UUID' }),
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
export const taskChangesSchema = z.strictObject(z.partial(taskFieldsSchema).shape);
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

/** Builds a complete, validated task; throws a zod error that `describeValidationError` turns into text. */
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
export function describeValidationError(error: z.core.$ZodError): string {
  return error.issues
    .map((issue) =>
      issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
}
