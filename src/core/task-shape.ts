// The task's shape without zod: field names, defaults, date formats and error wording. The list views
// and the first paint import only this; validation (task.ts, zod) loads with the first write.
import type { TaskFields } from './task';

export const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const DATETIME_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/;

/** At most this many reminders per task, and "before" at most four weeks: bounds any hostile write. */
export const MAX_REMINDERS = 10;
export const MAX_REMINDER_BEFORE_MINUTES = 4 * 7 * 24 * 60;

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
  'parentId',
  'projectId',
  'reminders',
  'sectionId',
  'labelIds',
] as const satisfies readonly (keyof TaskFields)[];
export type SyncedField = (typeof SYNCED_FIELDS)[number];

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
  parentId: null,
  projectId: null,
  reminders: [],
  sectionId: null,
  labelIds: null,
};

/** A record is a showable task once its title has arrived; every other field has a default. */
export function hasTitle(record: { title?: unknown }): boolean {
  return typeof record.title === 'string' && record.title.trim().length > 0;
}

export function isRealDate(ymd: string): boolean {
  const [y, m, d] = ymd.split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** One line a person can read, naming the field: "title: Title is required". */
export function describeValidationError(error: {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}): string {
  return error.issues
    .map((issue) =>
      issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
}
