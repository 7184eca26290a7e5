// Tasks the server moved to its archive (deleted over 90 days ago) that this device still had when it
// resynced after its cursor expired: kept as a read-only archive, shown under Completed, until the user
// clears them. The mark is local (`archivedAt`); any later change from the server makes the task live
// again, since the server then has it.
import type { Task } from '../core/task';
import type { TendDb } from './database';
import { MAX_KEY, MIN_KEY } from './key-range';
import { storedToTask } from './task-index';

interface ArchivedTask {
  task: Task;
  /** ISO time this device learned the task was archived. */
  archivedAt: string;
}

const archivedRange = (db: TendDb) =>
  db.tasks.where('[status+projectKey]').between(['archived', MIN_KEY], ['archived', MAX_KEY]);

/** Marks stored tasks as archived; call inside a transaction over `tasks`. */
export async function markArchived(db: TendDb, ids: string[], at: string): Promise<void> {
  const stored = await db.tasks.bulkGet(ids);
  const marked = stored.flatMap((s) => (s ? [{ ...s, archivedAt: s.archivedAt ?? at }] : []));
  if (marked.length) await db.tasks.bulkPut(marked);
}

/** The archive, most recently archived first. */
export async function listArchived(db: TendDb): Promise<ArchivedTask[]> {
  const rows = await archivedRange(db).toArray();
  return rows
    .map((row) => ({ task: storedToTask(row), archivedAt: row.archivedAt ?? '' }))
    .sort((a, b) => (a.archivedAt < b.archivedAt ? 1 : a.archivedAt > b.archivedAt ? -1 : 0));
}

/** Forgets the archive on this device (the server keeps its copy); returns how many went. */
export async function clearArchive(db: TendDb): Promise<number> {
  return archivedRange(db).delete();
}
