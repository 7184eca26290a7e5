// A hand check of the most common push entry, a task mutation whose values need no conversion, so the
// server validates it without building zod's parse state (about 11 KB per mutation, most of a push's
// validation cost). It only ever says yes to an entry `mutationSchema` passes unchanged; for anything
// else (a due date, reminders, a project id, a bad value) it says no and the schema decides and explains.
import * as z from 'zod/mini';
import { isHlc } from '../hlc';
import { isSafeText } from '../safe-text';
import type { Mutation } from '../merge';

const UUID_RE = z.regexes.uuid();
const ENVELOPE = new Set(['id', 'taskId', 'hlc', 'changes', 'kind']);

const isText = (v: unknown, min: number, max: number): v is string =>
  typeof v === 'string' && v.length >= min && v.length <= max && isSafeText(v);

/** A name as `nameSchema` takes it without trimming: already trimmed, 1-100 characters, safe. */
const isName = (v: unknown): boolean => isText(v, 1, 100) && (v as string).trim() === v;

/** One check per field that `taskFieldsSchema` would pass unchanged; a field not listed goes to zod. */
const FIELD_CHECKS: Record<string, (v: unknown) => boolean> = {
  title: (v) => isText(v, 1, 500) && (v as string).trim() === v,
  notes: (v) => isText(v, 0, 20_000),
  due: (v) => v === null,
  priority: (v) => v === 1 || v === 2 || v === 3 || v === 4,
  project: (v) => v === null || isName(v),
  labels: (v) => Array.isArray(v) && v.length <= 50 && v.every(isName),
  recurrence: (v) => v === null,
  completedAt: (v) => v === null,
  deletedAt: (v) => v === null,
  order: (v) => typeof v === 'number' && Number.isFinite(v),
  parentId: (v) => v === null,
  projectId: (v) => v === null,
  reminders: (v) => Array.isArray(v) && v.length === 0,
  sectionId: (v) => v === null,
  labelIds: (v) =>
    v === null ||
    (Array.isArray(v) &&
      v.length <= 50 &&
      v.every((id) => typeof id === 'string' && UUID_RE.test(id))),
};

/** A JSON object (not an array, nor anything with a class of its own). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** True only for a task mutation `mutationSchema` passes and returns equal to what it was given. */
export function isPlainTaskMutation(raw: unknown): raw is Mutation {
  if (!isPlainObject(raw)) return false;
  for (const key of Object.keys(raw)) if (!ENVELOPE.has(key)) return false;
  const { id, taskId, hlc, changes, kind } = raw;
  if (kind !== undefined && kind !== 'task') return false;
  if (!isText(id, 1, 100) || typeof taskId !== 'string' || !UUID_RE.test(taskId)) return false;
  if (!isHlc(hlc) || !isPlainObject(changes)) return false;
  let fields = 0;
  for (const field of Object.keys(changes)) {
    const check = Object.hasOwn(FIELD_CHECKS, field) ? FIELD_CHECKS[field] : undefined;
    if (!check?.(changes[field])) return false;
    fields++;
  }
  return fields > 0;
}
