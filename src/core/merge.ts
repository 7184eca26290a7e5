// Per-field last-writer-wins merge: the single implementation shared by page, service worker and server.
// Each synced field is an LWW register keyed by its HLC; a record is the map of those registers, so the
// merge is commutative, associative and idempotent by construction (max per field). It runs over every
// record kind (tasks, projects, sections, labels, comments): a kind is only the list of its synced fields.
import { COMMENT_FIELDS } from './comment';
import type { Comment, CommentChanges, CommentField, CommentRecord } from './comment';
import { hlcIso } from './hlc';
import { PROJECT_FIELDS } from './project';
import type { Project, ProjectChanges, ProjectField, ProjectRecord } from './project';
import { LABEL_FIELDS } from './label';
import type { Label, LabelChanges, LabelField, LabelRecord } from './label';
import { SECTION_FIELDS } from './section';
import type { Section, SectionChanges, SectionField, SectionRecord } from './section';
import type { StoredRecord } from './record-schema';
import { SYNCED_FIELDS } from './task';
import type { SyncedField, Task, TaskChanges, TaskFields } from './task';

/** A task as replicas store it: fields may be partial while an out-of-order delivery is pending. */
export type TaskRecord = StoredRecord<TaskFields>;

export { toTask } from './task';

/** Every kind of record; a mutation without `kind` writes to a task, so older clients and stored outboxes stay valid. */
export const RECORD_KINDS = ['task', 'project', 'section', 'label', 'comment'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** One write of one or more fields of one task, as recorded in the outbox and sent to the server. */
export interface Mutation {
  id: string;
  taskId: string;
  hlc: string;
  changes: TaskChanges;
  kind?: 'task';
}

/**
 * One write to a record of another kind, in the same envelope. The record id travels in `taskId`, the
 * wire's one name for it (a comment's task is one of its fields).
 */
interface KindMutation<K extends RecordKind, C> {
  id: string;
  taskId: string;
  hlc: string;
  changes: C;
  kind: K;
}
export type ProjectMutation = KindMutation<'project', ProjectChanges>;
export type SectionMutation = KindMutation<'section', SectionChanges>;
export type LabelMutation = KindMutation<'label', LabelChanges>;
export type CommentMutation = KindMutation<'comment', CommentChanges>;

/** Per kind: its record as replicas store it, the record complete, its synced fields and its mutation. */
export interface KindTypes {
  task: { record: TaskRecord; value: Task; field: SyncedField; mutation: Mutation };
  project: {
    record: ProjectRecord;
    value: Project;
    field: ProjectField;
    mutation: ProjectMutation;
  };
  section: {
    record: SectionRecord;
    value: Section;
    field: SectionField;
    mutation: SectionMutation;
  };
  label: { record: LabelRecord; value: Label; field: LabelField; mutation: LabelMutation };
  comment: {
    record: CommentRecord;
    value: Comment;
    field: CommentField;
    mutation: CommentMutation;
  };
}

export type AnyMutation = KindTypes[RecordKind]['mutation'];
export type AnyRecord = KindTypes[RecordKind]['record'];

/** The kind a mutation writes to (a mutation without `kind` writes to a task). */
type KindOf<M extends AnyMutation> = M extends { kind: infer K extends RecordKind } ? K : 'task';

/** A value that lost to a newer write from another device; kept in the conflict journal. */
export interface Overwrite<F extends string = SyncedField> {
  taskId: string;
  field: F;
  oldValue: unknown;
  newValue: unknown;
  oldHlc: string;
  newHlc: string;
}

interface MergeResult<R = TaskRecord, F extends string = SyncedField> {
  record: R;
  /** Fields whose value or clock this mutation changed. */
  applied: F[];
  overwritten: Overwrite<F>[];
}
type KindMergeResult<K extends RecordKind> = MergeResult<
  KindTypes[K]['record'],
  KindTypes[K]['field']
>;

const FIELDS_OF_KIND: Record<RecordKind, readonly string[]> = {
  task: SYNCED_FIELDS,
  project: PROJECT_FIELDS,
  section: SECTION_FIELDS,
  label: LABEL_FIELDS,
  comment: COMMENT_FIELDS,
};

function fieldsOfKind(kind: RecordKind | undefined): readonly string[] {
  return FIELDS_OF_KIND[kind ?? 'task'];
}

type LooseRecord = {
  id: string;
  createdAt: string;
  updatedAt: string;
  clock: Record<string, string | undefined>;
};
type LooseMutation = {
  id: string;
  taskId: string;
  hlc: string;
  changes: Record<string, unknown>;
  kind?: RecordKind;
};
type LooseResult = MergeResult<LooseRecord, string>;

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
export function applyMutation<M extends AnyMutation>(
  current: KindTypes[KindOf<M>]['record'] | undefined,
  mutation: M,
): KindMergeResult<KindOf<M>> {
  return applyLoose(
    current as LooseRecord | undefined,
    mutation as LooseMutation,
  ) as unknown as KindMergeResult<KindOf<M>>;
}

function applyLoose(current: LooseRecord | undefined, mutation: LooseMutation): LooseResult {
  const iso = hlcIso(mutation.hlc);
  const record: LooseRecord = current
    ? { ...current, clock: { ...current.clock } }
    : { id: mutation.taskId, createdAt: iso, updatedAt: iso, clock: {} };
  const applied: string[] = [];
  const overwritten: Overwrite<string>[] = [];

  for (const field of fieldsOfKind(mutation.kind)) {
    if (!(field in mutation.changes)) continue;
    const seen = record.clock[field];
    const newValue = mutation.changes[field];
    const oldValue = (record as Record<string, unknown>)[field];
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

/**
 * Merges two replicas of the same record field by field (used when a full record arrives from a pull);
 * `kind` says which fields the records have (tasks unless told).
 */
export function mergeRecords<K extends RecordKind = 'task'>(
  a: KindTypes[K]['record'] | undefined,
  b: KindTypes[K]['record'],
  kind: K = 'task' as K,
): KindMergeResult<K> {
  const fields = fieldsOfKind(kind);
  const other = b as LooseRecord;
  if (!a)
    return {
      record: { ...b, clock: { ...b.clock } },
      applied: fields.filter((f) => other.clock[f] !== undefined),
      overwritten: [],
    } as unknown as KindMergeResult<K>;
  let record = a as LooseRecord;
  const applied: string[] = [];
  const overwritten: Overwrite<string>[] = [];
  for (const mutation of mutationsOf(other, fields, () => '')) {
    const result = applyLoose(record, { ...mutation, taskId: a.id, kind });
    record = result.record;
    applied.push(...result.applied);
    overwritten.push(...result.overwritten);
  }
  if (b.createdAt < record.createdAt) record = { ...record, createdAt: b.createdAt };
  if (b.updatedAt > record.updatedAt) record = { ...record, updatedAt: b.updatedAt };
  return { record, applied, overwritten } as unknown as KindMergeResult<K>;
}

/** The mutation that creates a task with every field, all under one timestamp. */
export function createMutation(task: Task, hlc: string, id: string): Mutation {
  return createRecordMutation('task', task, hlc, id);
}

/**
 * The record as the writes that made it: one mutation per distinct field timestamp, oldest first,
 * leaving out the fields `skip` names. Applying them with `applyMutation` merges the record field by
 * field, and applying them again changes nothing.
 */
export function recordToMutations<K extends RecordKind = 'task'>(
  record: KindTypes[K]['record'],
  newId: () => string,
  skip: (field: KindTypes[K]['field'], hlc: string) => boolean = () => false,
  kind: K = 'task' as K,
): KindTypes[K]['mutation'][] {
  const mutations = mutationsOf(record as LooseRecord, fieldsOfKind(kind), newId, skip);
  return (
    kind === 'task' ? mutations : mutations.map((m) => ({ ...m, kind }))
  ) as KindTypes[K]['mutation'][];
}

function mutationsOf(
  record: LooseRecord,
  fields: readonly string[],
  newId: () => string,
  skip: (field: never, hlc: string) => boolean = () => false,
): LooseMutation[] {
  const byHlc = new Map<string, Record<string, unknown>>();
  for (const field of fields) {
    const hlc = record.clock[field];
    if (!hlc || skip(field as never, hlc)) continue;
    const changes = byHlc.get(hlc) ?? {};
    changes[field] = (record as Record<string, unknown>)[field];
    byHlc.set(hlc, changes);
  }
  return [...byHlc.keys()].sort().map((hlc) => ({
    id: newId(),
    taskId: record.id,
    hlc,
    changes: byHlc.get(hlc)!,
  }));
}

/** The mutation that creates a record of any kind with every field, all under one timestamp. */
export function createRecordMutation<K extends RecordKind>(
  kind: K,
  value: KindTypes[K]['value'],
  hlc: string,
  id: string,
): KindTypes[K]['mutation'] {
  const changes: Record<string, unknown> = {};
  for (const field of fieldsOfKind(kind))
    changes[field] = (value as Record<string, unknown>)[field];
  const mutation = { id, taskId: value.id, hlc, changes };
  return (kind === 'task' ? mutation : { ...mutation, kind }) as KindTypes[K]['mutation'];
}
