// Writes the project and section stores share: a deletion takes the record's tasks with it (and its
// Undo brings exactly those back), and a write is stored with its outbox entries in one step.
import type { Table } from 'dexie';
import { applyMutation } from '../core/merge';
import type { AnyMutation, Mutation, TaskRecord } from '../core/merge';
import type { Clock } from '../core/hlc';
import { tickAfter } from '../core/hlc';
import type { OutboxEntry, TendDb } from './database';
import { saveClock } from './persistent-clock';

/** Deletes or restores tasks (deletedAt only), one write each. */
export function writeTasksDeleted(
  records: TaskRecord[],
  deletedAt: string | null,
  clock: Clock,
  newId: () => string,
): { mutation: Mutation; record: TaskRecord }[] {
  return records.map((record) => {
    const mutation: Mutation = {
      id: newId(),
      taskId: record.id,
      hlc: tickAfter(clock, Object.values(record.clock)),
      changes: { deletedAt },
    };
    return { mutation, record: applyMutation(record, mutation).record };
  });
}

/**
 * Stores records of one kind (`table`), the tasks they touched, and the writes' outbox entries; call
 * inside a transaction over those tables, the outbox and meta.
 */
export async function commitWrites<R>(
  db: TendDb,
  clock: Clock,
  createdAt: string,
  written: { table: Table<R, string>; records: R[] },
  tasks: TaskRecord[],
  mutations: AnyMutation[],
): Promise<void> {
  const entries = mutations.map((m): OutboxEntry => ({ ...m, createdAt, attempts: 0 }));
  if (written.records.length) await written.table.bulkPut(written.records);
  if (tasks.length) await db.tasks.bulkPut(tasks);
  await db.outbox.bulkAdd(entries);
  await saveClock(db, clock);
}
