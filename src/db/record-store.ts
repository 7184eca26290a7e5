// What the project, section, label and comment stores share: their options, a transaction that first
// catches the device clock up, loading a record a view can show, one write merged through the one
// `applyMutation`, and storing records, tasks and outbox entries in one step. A record whose deletion
// takes its tasks with it (a project, a section) deletes and restores them here, so one Undo brings
// back exactly what the deletion took.
import type { Table } from 'dexie';
import type { Clock } from '../core/hlc';
import { tickAfter } from '../core/hlc';
import { applyMutation, createRecordMutation } from '../core/merge';
import type { AnyMutation, KindTypes, RecordKind, TaskRecord } from '../core/merge';
import type { OutboxEntry, TendDb } from './database';
import { catchUpClock } from './persistent-clock';
import { commitWrites, writeTasksDeleted } from './record-writes';
import { recordTable } from './record-tables';
import { toTaskRecord } from './task-index';

export interface RecordStoreOptions {
  db: TendDb;
  clock: Clock;
  newId?: () => string;
  now?: () => number;
}

type StoreKind = Exclude<RecordKind, 'task'>;

interface KindRules<K extends StoreKind> {
  /** The record a view can show, or null while it is incomplete: such a record counts as missing. */
  read: (record: KindTypes[K]['record']) => KindTypes[K]['value'] | null;
  NotFound: new (id: string) => Error;
  /** Tables the store reads besides its own and the tasks (a section checks its project). */
  reads?: (db: TendDb) => Table[];
}

/** A record and the write that made it so. */
interface Written<K extends StoreKind> {
  record: KindTypes[K]['record'];
  mutation: KindTypes[K]['mutation'];
}

/** One write of `changes` to a stored record, after every timestamp it holds. */
function writeRecord<K extends StoreKind>(
  kind: K,
  record: KindTypes[K]['record'],
  changes: KindTypes[K]['mutation']['changes'],
  clock: Clock,
  newId: () => string,
): Written<K> {
  const mutation = {
    id: newId(),
    taskId: record.id,
    hlc: tickAfter(clock, Object.values(record.clock) as string[]),
    changes,
    kind,
  } as KindTypes[K]['mutation'];
  return { mutation, record: applyMutation(record, mutation).record };
}

/** The write that creates a complete, validated record. */
function createdRecord<K extends StoreKind>(
  kind: K,
  value: KindTypes[K]['value'],
  clock: Clock,
  newId: () => string,
): Written<K> {
  const mutation = createRecordMutation(kind, value, clock.tick(), newId());
  return { mutation, record: applyMutation(undefined, mutation).record };
}

/**
 * The records a task write brings into being by naming them (a project or label with no record yet),
 * inside the caller's transaction: each is merged at once, and `store` stores them with their outbox
 * entries.
 */
export function createNamedWrites<K extends 'project' | 'label'>(
  kind: K,
  db: TendDb,
  clock: Clock,
  newId: () => string,
  createdAt: string,
) {
  const table = recordTable(db, kind) as unknown as Table<KindTypes[K]['record'], string>;
  const made: Written<K>[] = [];
  const keep = (written: Written<K>) => {
    made.push(written);
    return written.record;
  };
  return {
    create: (value: KindTypes[K]['value']) => keep(createdRecord(kind, value, clock, newId)),
    write: (record: KindTypes[K]['record'], changes: KindTypes[K]['mutation']['changes']) =>
      keep(writeRecord(kind, record, changes, clock, newId)),
    async store(): Promise<void> {
      if (made.length === 0) return;
      await table.bulkPut(made.map((w) => w.record));
      await db.outbox.bulkAdd(
        made.map((w): OutboxEntry => ({ ...w.mutation, createdAt, attempts: 0 })),
      );
    },
  };
}

export function createRecordStore<K extends StoreKind>(
  kind: K,
  { read, NotFound, reads = () => [] }: KindRules<K>,
  { db, clock, newId = () => crypto.randomUUID(), now = Date.now }: RecordStoreOptions,
) {
  type Changes = KindTypes[K]['mutation']['changes'];
  const table = recordTable(db, kind) as unknown as Table<KindTypes[K]['record'], string>;
  const nowIso = () => new Date(now()).toISOString();

  function transact<T>(work: () => Promise<T>): Promise<T> {
    return db.transaction('rw', [table, ...reads(db), db.tasks, db.outbox, db.meta], async () => {
      await catchUpClock(db, clock);
      return work();
    });
  }

  async function load(id: string): Promise<KindTypes[K]['record']> {
    const record = await table.get(id);
    if (!record || !read(record)) throw new NotFound(id);
    return record;
  }

  const write = (record: KindTypes[K]['record'], changes: Changes) =>
    writeRecord(kind, record, changes, clock, newId);
  const create = (value: KindTypes[K]['value']) => createdRecord(kind, value, clock, newId);

  /** Stores written records, the tasks they touched and every write's outbox entry. */
  function commit(
    written: Written<K>[],
    tasks: { record: TaskRecord; mutation: AnyMutation }[] = [],
  ): Promise<void> {
    return commitWrites(
      db,
      clock,
      nowIso(),
      { table, records: written.map((w) => w.record) },
      tasks.map((t) => t.record),
      [...written.map((w) => w.mutation), ...tasks.map((t) => t.mutation)],
    );
  }

  /**
   * One validated write to a stored record, refused when `check` (given the record as written) throws;
   * returns the record as a view shows it.
   */
  const update = (
    id: string,
    changes: Changes,
    check?: (record: KindTypes[K]['record']) => Promise<void>,
  ): Promise<KindTypes[K]['value']> =>
    transact(async () => {
      const written = write(await load(id), changes);
      await check?.(written.record);
      await commit([written]);
      return read(written.record)!;
    });

  /** Deletes the record and the tasks `tasksOf` finds that were not deleted yet; returns their ids. */
  const deleteWithTasks = (
    id: string,
    tasksOf: (record: KindTypes[K]['record']) => Promise<TaskRecord[]>,
  ): Promise<string[]> =>
    transact(async () => {
      const current = await load(id);
      const deleted = write(current, { deletedAt: nowIso() } as Changes);
      const live = (await tasksOf(current)).filter((t) => !t.deletedAt);
      const tasks = writeTasksDeleted(live, nowIso(), clock, newId);
      await commit([deleted], tasks);
      return tasks.map((t) => t.record.id);
    });

  /** Undoes `deleteWithTasks`: the record and exactly the tasks it took come back. */
  const restoreWithTasks = (id: string, taskIds: string[]): Promise<KindTypes[K]['value']> =>
    transact(async () => {
      const restored = write(await load(id), { deletedAt: null } as Changes);
      const stored = await db.tasks.bulkGet(taskIds);
      const tasks = writeTasksDeleted(
        stored.flatMap((s) => (s && s.deletedAt ? [toTaskRecord(s)] : [])),
        null,
        clock,
        newId,
      );
      await commit([restored], tasks);
      return read(restored.record)!;
    });

  return {
    db,
    clock,
    newId,
    now,
    nowIso,
    transact,
    load,
    write,
    create,
    commit,
    update,
    deleteWithTasks,
    restoreWithTasks,
  };
}
