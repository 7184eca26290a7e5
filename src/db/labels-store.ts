// The labels store: every local action on label records. Like the projects store, each write validates
// with the core schema, merges through the one `applyMutation` and stores the record with its outbox
// entry in one transaction. Renaming or recolouring is one write to the label; deleting one also takes
// it off its tasks in the same transaction, so one Undo (`restoreLabel` with what `deleteLabel`
// returned) puts both back.
import type { Clock } from '../core/hlc';
import { tickAfter } from '../core/hlc';
import { createLabel, labelChangesSchema, labelIdForName, toLabel } from '../core/label';
import { effectiveLabelIds } from '../core/label-id';
import type { Label, LabelChanges } from '../core/label';
import { applyMutation } from '../core/merge';
import type { Mutation, TaskRecord } from '../core/merge';
import { findLiveByName, nameKey } from '../core/name-id';
import type { TendDb } from './database';
import { LabelNotFoundError, LabelValidationError } from './errors';
import { createNamedWrites, createRecordStore } from './record-store';
import type { RecordStoreOptions } from './record-store';
import { validated } from './validated';
import { toTaskRecord } from './task-index';

/** What a label deletion took with it, for its Undo: each task's labels as they were. */
export interface DeletedLabel {
  labelId: string;
  tasks: { id: string; labels: string[]; labelIds: string[] | null }[];
}

export interface LabelsStore {
  /** Rename or recolour: one write to the label, none to its tasks. */
  updateLabel(id: string, changes: LabelChanges): Promise<Label>;
  /** Deletes the label and takes it off every task that has it. */
  deleteLabel(id: string): Promise<DeletedLabel>;
  /** Undoes `deleteLabel`: the label comes back, and on exactly the tasks it was taken from. */
  restoreLabel(deleted: DeletedLabel): Promise<Label>;
}

export function createLabelsStore(options: RecordStoreOptions): LabelsStore {
  const { db, clock, newId, nowIso, transact, load, write, commit, update } = createRecordStore(
    'label',
    { read: toLabel, NotFound: LabelNotFoundError },
    options,
  );

  function writeTask(record: TaskRecord, changes: Mutation['changes']) {
    const mutation: Mutation = {
      id: newId(),
      taskId: record.id,
      hlc: tickAfter(clock, Object.values(record.clock)),
      changes,
    };
    return { mutation, record: applyMutation(record, mutation).record };
  }

  return {
    async updateLabel(id, changes) {
      const valid = validated(() => labelChangesSchema.parse(changes), LabelValidationError);
      return update(id, valid);
    },
    async deleteLabel(id) {
      return transact(async () => {
        const label = write(await load(id), { deletedAt: nowIso() });
        // Open and completed tasks alike: the index holds open ones, so completed ones are read too.
        const open = await db.tasks.where('openLabels').equals(id).toArray();
        const done = await db.tasks
          .where('[status+projectKey]')
          .between(['done', ''], ['done', '\uffff'], true, true)
          .filter((t) => effectiveLabelIds(t).includes(id))
          .toArray();
        const labels = new Map((await db.labels.toArray()).map((l) => [l.id, l]));
        const before: DeletedLabel['tasks'] = [];
        const tasks = [...open, ...done].map((stored) => {
          const task = toTaskRecord(stored);
          before.push({ id: task.id, labels: task.labels ?? [], labelIds: task.labelIds ?? null });
          const ids = effectiveLabelIds(task).filter((l) => l !== id);
          const names = ids.flatMap((l) => {
            const name = labels.get(l)?.name;
            return name === undefined ? [] : [name];
          });
          return writeTask(task, { labels: names, labelIds: ids });
        });
        await commit([label], tasks);
        return { labelId: id, tasks: before };
      });
    },
    async restoreLabel({ labelId, tasks }) {
      return transact(async () => {
        const label = write(await load(labelId), { deletedAt: null });
        const stored = await db.tasks.bulkGet(tasks.map((t) => t.id));
        const writes = tasks.flatMap((was, i) => {
          const current = stored[i];
          if (!current) return [];
          return [writeTask(toTaskRecord(current), { labels: was.labels, labelIds: was.labelIds })];
        });
        await commit([label], writes);
        return toLabel(label.record) as Label;
      });
    },
  };
}

/**
 * Task writes name labels (quick add's `@errands`, the detail's label field, an import); tasks point at
 * records by id. Each write that sets `labels` gets `labelIds` too: the live label of each name, or a new
 * one (written and queued here) whose id is the name's hash unless another record (a renamed or deleted
 * label) holds it. The names are written as the labels are called now, for clients that read names.
 * Call inside a transaction over labels, outbox and meta.
 */
export async function resolveLabelNames<
  T extends { labels?: string[]; labelIds?: string[] | null },
>(db: TendDb, clock: Clock, newId: () => string, createdAt: string, list: T[]): Promise<T[]> {
  const named = (c: T) => Array.isArray(c.labels) && !c.labelIds;
  if (!list.some(named)) return list;
  const all = await db.labels.toArray();
  const writes = createNamedWrites('label', db, clock, newId, createdAt);
  const resolved = list.map((changes) => {
    if (!named(changes)) return changes;
    const records = (changes.labels as string[]).map((name) => {
      let record = findLiveByName(all, name);
      if (!record) {
        const hashed = labelIdForName(name);
        const taken = all.find((r) => r.id === hashed);
        // A deleted label of the same name comes back rather than leaving its id unused.
        if (taken?.deletedAt && taken.name !== undefined && nameKey(taken.name) === nameKey(name)) {
          record = writes.write(taken, { deletedAt: null });
          all.splice(all.indexOf(taken), 1, record);
          return record;
        }
        const id = taken ? newId() : hashed;
        record = writes.create(
          validated(() => createLabel({ name }, { id, now: createdAt }), LabelValidationError),
        );
        all.push(record);
      }
      return record;
    });
    const unique = [...new Map(records.map((r) => [r.id, r])).values()];
    return {
      ...changes,
      labels: unique.map((r) => r.name as string),
      labelIds: unique.map((r) => r.id),
    };
  });
  await writes.store();
  return resolved;
}
