// The labels store: every local action on label records. Like the projects store, each write validates
// with the core schema, merges through the one `applyMutation` and stores the record with its outbox
// entry in one transaction. Renaming or recolouring is one write to the label; deleting one also takes
// it off its tasks in the same transaction, so one Undo (`restoreLabel` with what `deleteLabel`
// returned) puts both back.
import type { Clock } from '../core/hlc';
import { tickAfter } from '../core/hlc';
import { createLabel, labelChangesSchema, labelIdForName, toLabel } from '../core/label';
import { effectiveLabelIds } from '../core/label-id';
import type { Label, LabelChanges, LabelRecord } from '../core/label';
import { applyMutation, createRecordMutation } from '../core/merge';
import type { LabelMutation, Mutation, TaskRecord } from '../core/merge';
import { findLiveByName, nameKey } from '../core/name-id';
import type { OutboxEntry, TendDb } from './database';
import { LabelNotFoundError, LabelValidationError } from './errors';
import { catchUpClock, saveClock } from './persistent-clock';
import { validated } from './validated';
import { toTaskRecord } from './task-index';

export interface LabelsStoreOptions {
  db: TendDb;
  clock: Clock;
  newId?: () => string;
  now?: () => number;
}

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

export function createLabelsStore({
  db,
  clock,
  newId = () => crypto.randomUUID(),
  now = Date.now,
}: LabelsStoreOptions): LabelsStore {
  const nowIso = () => new Date(now()).toISOString();

  function transact<T>(work: () => Promise<T>): Promise<T> {
    return db.transaction('rw', [db.labels, db.tasks, db.outbox, db.meta], async () => {
      await catchUpClock(db, clock);
      return work();
    });
  }

  async function loadLabel(id: string): Promise<LabelRecord> {
    const record = await db.labels.get(id);
    if (!record || !toLabel(record)) throw new LabelNotFoundError(id);
    return record;
  }

  function writeLabel(record: LabelRecord, changes: LabelChanges) {
    const mutation: LabelMutation = {
      id: newId(),
      taskId: record.id,
      hlc: tickAfter(clock, Object.values(record.clock)),
      changes,
      kind: 'label',
    };
    return { mutation, record: applyMutation(record, mutation).record };
  }

  function writeTask(record: TaskRecord, changes: Mutation['changes']) {
    const mutation: Mutation = {
      id: newId(),
      taskId: record.id,
      hlc: tickAfter(clock, Object.values(record.clock)),
      changes,
    };
    return { mutation, record: applyMutation(record, mutation).record };
  }

  async function commit(
    label: { mutation: LabelMutation; record: LabelRecord },
    tasks: { mutation: Mutation; record: TaskRecord }[],
  ): Promise<void> {
    const createdAt = nowIso();
    const mutations = [label.mutation, ...tasks.map((t) => t.mutation)];
    await db.labels.put(label.record);
    if (tasks.length) await db.tasks.bulkPut(tasks.map((t) => t.record));
    await db.outbox.bulkAdd(mutations.map((m): OutboxEntry => ({ ...m, createdAt, attempts: 0 })));
    await saveClock(db, clock);
  }

  return {
    async updateLabel(id, changes) {
      const valid = validated(() => labelChangesSchema.parse(changes), LabelValidationError);
      return transact(async () => {
        const label = writeLabel(await loadLabel(id), valid);
        await commit(label, []);
        return toLabel(label.record) as Label;
      });
    },
    async deleteLabel(id) {
      return transact(async () => {
        const record = await loadLabel(id);
        const label = writeLabel(record, { deletedAt: nowIso() });
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
        await commit(label, tasks);
        return { labelId: id, tasks: before };
      });
    },
    async restoreLabel({ labelId, tasks }) {
      return transact(async () => {
        const label = writeLabel(await loadLabel(labelId), { deletedAt: null });
        const stored = await db.tasks.bulkGet(tasks.map((t) => t.id));
        const writes = tasks.flatMap((was, i) => {
          const current = stored[i];
          if (!current) return [];
          return [writeTask(toTaskRecord(current), { labels: was.labels, labelIds: was.labelIds })];
        });
        await commit(label, writes);
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
  const made: LabelRecord[] = [];
  const entries: OutboxEntry[] = [];
  const resolved = list.map((changes) => {
    if (!named(changes)) return changes;
    const records = (changes.labels as string[]).map((name) => {
      let record = findLiveByName(all, name);
      if (!record) {
        const hashed = labelIdForName(name);
        const taken = all.find((r) => r.id === hashed);
        // A deleted label of the same name comes back rather than leaving its id unused.
        if (taken?.deletedAt && taken.name !== undefined && nameKey(taken.name) === nameKey(name)) {
          const mutation: LabelMutation = {
            id: newId(),
            taskId: hashed,
            hlc: tickAfter(clock, Object.values(taken.clock)),
            changes: { deletedAt: null },
            kind: 'label',
          };
          record = applyMutation(taken, mutation).record;
          all.splice(all.indexOf(taken), 1, record);
          made.push(record);
          entries.push({ ...mutation, createdAt, attempts: 0 });
          return record;
        }
        const id = taken ? newId() : hashed;
        const label = validated(
          () => createLabel({ name }, { id, now: createdAt }),
          LabelValidationError,
        );
        const mutation = createRecordMutation('label', label, clock.tick(), newId());
        record = applyMutation(undefined, mutation).record;
        all.push(record);
        made.push(record);
        entries.push({ ...mutation, createdAt, attempts: 0 });
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
  if (made.length) {
    await db.labels.bulkPut(made);
    await db.outbox.bulkAdd(entries);
  }
  return resolved;
}
