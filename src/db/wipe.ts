// Removes every task and what hangs off them (projects, sections, labels, comments, unsent changes,
// conflict history, sync position) from this device: for "delete my account and the copy on this
// device", and for signing out without keeping a copy. Settings and the device clock stay.
import type { Table } from 'dexie';
import type { TendDb } from './database';
import { META_KEYS } from './database';

/** The tables that hold the user's data: records of every kind, unsent changes and conflict history. */
function userTables(db: TendDb): Table[] {
  return [db.tasks, db.projects, db.sections, db.labels, db.comments, db.outbox, db.conflicts];
}

/** Clears the user's tables (and `alsoClear`) and forgets `metaKeys`, in one transaction. */
export async function clearLocalData(
  db: TendDb,
  metaKeys: string[],
  alsoClear: Table[] = [],
): Promise<void> {
  const tables = [...userTables(db), ...alsoClear];
  await db.transaction('rw', [...tables, db.meta], async () => {
    await Promise.all(tables.map((table) => table.clear()));
    await db.meta.bulkDelete(metaKeys);
  });
}

/** Deleting the account: the on-device model's answers about the tasks go too. */
export async function wipeLocalTasks(db: TendDb): Promise<void> {
  await clearLocalData(db, [META_KEYS.syncCursor, META_KEYS.syncUserId], [db.aiCache]);
}
