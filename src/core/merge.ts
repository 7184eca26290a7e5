// Per-field last-writer-wins merge: the single implementation shared by page, service worker and server.
// Each synced field is an LWW register keyed by its HLC; a record is the map of those registers, so the
// merge is commutative, associative and idempotent by construction (max per field).
import { parseHlc } from './hlc';
import { DEFAULT_FIELDS, SYNCED_FIELDS, taskSchema } from './task';
import type { FieldClock, SyncedField, Task, TaskChanges, TaskFields } from './task';

/** A task as replicas store it: fields may be partial while an out-of-order delivery is pending. */
export type TaskRecord = Partial<TaskFields> & {
  id: string;
  /** ISO time of the earliest write seen (min over clocks: order-independent). */
  createdAt: string;
  /** ISO time of the latest write seen. */
  updatedAt: string;
  clock: FieldClock;
};

/** One write of one or more fields of one task, as recorded in the outbox and sent to the server. */
export interface Mutation {
  id: string;
  taskId: string;
  hlc: string;
  changes: TaskChanges;
}

/** A value that lost to a newer write from another device; kept in the conflict journal. */
export interface Overwrite {
  taskId: string;
  field: SyncedField;
  oldValue: unknown;
  newValue: unknown;
  oldHlc: string;
  newHlc: string;
}

export interface MergeResult {
  record: TaskRecord;
  /** Fields whose value or clock this mutation changed. */
  applied: SyncedField[];
  overwritten: Overwrite[];
}

function hlcIso(hlc: string): string {
  return new Date(parseHlc(hlc).millis).toISOString();
}

function nodeOf(hlc: string): string {
  return hlc.slice(-16);
}

export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** Deterministic order of two values written under the same timestamp: the greater JSON text wins. */
function winsTie(candidate: unknown, current: unknown): boolean {
  return (JSON.stringify(candidate) ?? '') > (JSON.stringify(current) ?? '');
}

/** Applies one mutation to a record (or creates it). Pure: the input record is not modified. */
export function applyMutation(current: TaskRecord | undefined, mutation: Mutation): MergeResult {
  const iso = hlcIso(mutation.hlc);
  const record: TaskRecord = current
    ? { ...current, clock: { ...current.clock } }
    : { id: mutation.taskId, createdAt: iso, updatedAt: iso, clock: {} };
  const applied: SyncedField[] = [];
  const overwritten: Overwrite[] = [];

  for (const field of SYNCED_FIELDS) {
    if (!(field in mutation.changes)) continue;
    const seen = record.clock[field];
    const newValue = mutation.changes[field];
    const oldValue = record[field];
    if (seen !== undefined && seen > mutation.hlc) continue;
    // Equal timestamps carrying different values happen when two tabs of one device share a node id and
    // tick in the same millisecond; breaking the tie by value keeps the merge commutative on every replica.
    if (seen === mutation.hlc && !winsTie(newValue, oldValue)) continue;
    if (
      seen !== undefined &&
      nodeOf(seen) !== nodeOf(mutation.hlc) &&
      !sameValue(oldValue, newValue)
    ) {
      overwritten.push({
        taskId: record.id,
        field,
        oldValue,
        newValue,
        oldHlc: seen,
        newHlc: mutation.hlc,
      });
    }
    (record as Record<string, unknown>)[field] = newValue;
    record.clock[field] = mutation.hlc;
    applied.push(field);
  }
  if (iso < record.createdAt) record.createdAt = iso;
  // Min and max over every write seen, applied or not, so both are independent of delivery order.
  if (iso > record.updatedAt) record.updatedAt = iso;
  return { record, applied, overwritten };
}

/** Merges two replicas of the same task field by field (used when a full record arrives from a pull). */
export function mergeRecords(a: TaskRecord | undefined, b: TaskRecord): MergeResult {
  if (!a) return { record: { ...b, clock: { ...b.clock } }, applied: fieldsOf(b), overwritten: [] };
  let record = a;
  const applied: SyncedField[] = [];
  const overwritten: Overwrite[] = [];
  for (const mutation of recordToMutations(b, () => '')) {
    const result = applyMutation(record, { ...mutation, taskId: a.id });
    record = result.record;
    applied.push(...result.applied);
    overwritten.push(...result.overwritten);
  }
  if (b.createdAt < record.createdAt) record = { ...record, createdAt: b.createdAt };
  if (b.updatedAt > record.updatedAt) record = { ...record, updatedAt: b.updatedAt };
  return { record, applied, overwritten };
}

function fieldsOf(r: TaskRecord): SyncedField[] {
  return SYNCED_FIELDS.filter((f) => r.clock[f] !== undefined);
}

/** The task a view can show, or null while the record is still missing required fields. */
export function toTask(record: TaskRecord): Task | null {
  const parsed = taskSchema.safeParse({ ...DEFAULT_FIELDS, ...stripClock(record) });
  return parsed.success ? parsed.data : null;
}

function stripClock(record: TaskRecord): Omit<TaskRecord, 'clock'> {
  const { clock: _clock, ...rest } = record;
  return rest;
}

/** The mutation that creates a task with every field, all under one timestamp. */
export function createMutation(task: Task, hlc: string, id: string): Mutation {
  const changes: Record<string, unknown> = {};
  for (const field of SYNCED_FIELDS) changes[field] = task[field];
  return { id, taskId: task.id, hlc, changes: changes as TaskChanges };
}

/**
 * The record as the writes that made it: one mutation per distinct field timestamp, oldest first,
 * leaving out the fields `skip` names. Applying them with `applyMutation` merges the record field by
 * field, and applying them again changes nothing.
 */
export function recordToMutations(
  record: TaskRecord,
  newId: () => string,
  skip: (field: SyncedField, hlc: string) => boolean = () => false,
): Mutation[] {
  const byHlc = new Map<string, Record<string, unknown>>();
  for (const field of SYNCED_FIELDS) {
    const hlc = record.clock[field];
    if (!hlc || skip(field, hlc)) continue;
    const changes = byHlc.get(hlc) ?? {};
    changes[field] = record[field];
    byHlc.set(hlc, changes);
  }
  return [...byHlc.keys()].sort().map((hlc) => ({
    id: newId(),
    taskId: record.id,
    hlc,
    changes: byHlc.get(hlc) as TaskChanges,
  }));
}
