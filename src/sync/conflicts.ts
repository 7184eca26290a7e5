// The conflict journal as the user sees it: values that lost to another device's newer write, per task,
// newest first. Restoring one is a new local write of the old value, so it syncs like any edit.
import type { Task, TaskChanges } from '../core/task';
import type { ConflictEntry, TendDb } from '../db/database';
import { pruneConflicts } from '../db/database';
import type { TasksStore } from '../db/tasks-store';

export async function listConflicts(
  db: TendDb,
  taskId: string,
  now: number,
): Promise<ConflictEntry[]> {
  await pruneConflicts(db, now);
  const entries = await db.conflicts.where('taskId').equals(taskId).toArray();
  return entries.sort((a, b) =>
    a.at === b.at ? (b.seq ?? 0) - (a.seq ?? 0) : a.at < b.at ? 1 : -1,
  );
}

export function restoreConflict(
  store: Pick<TasksStore, 'updateTask'>,
  entry: ConflictEntry,
): Promise<Task> {
  return store.updateTask(entry.taskId, { [entry.field]: entry.oldValue } as TaskChanges);
}

/** The device (node id) that wrote a timestamp, for "overwritten by device …". */
export function deviceOf(hlc: string): string {
  return hlc.slice(-16);
}
