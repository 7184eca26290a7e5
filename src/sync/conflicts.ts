// The conflict journal as the user sees it: this device's values that lost to another device's newer
// write, and its edits of tasks another device deleted, per task, newest first. Restoring one is a new
// local write of the old value, so it syncs like any edit.
import type { Task, TaskChanges } from '../core/task';
import type { ConflictEntry, TendDb } from '../db/database';
import type { TasksStore } from '../db/tasks-store';

/** The task's journal, newest first (a read only, so it can run inside a live query). */
export async function readConflicts(db: TendDb, taskId: string): Promise<ConflictEntry[]> {
  const entries = await db.conflicts.where('taskId').equals(taskId).toArray();
  return entries.sort((a, b) =>
    a.at === b.at ? (b.seq ?? 0) - (a.seq ?? 0) : a.at < b.at ? 1 : -1,
  );
}

/**
 * Writes the lost value again as a new local edit (so it syncs like any change); an edit that lost to a
 * deletion brings the task back with it. With `db`, the entry is marked as restored.
 */
export async function restoreConflict(
  store: Pick<TasksStore, 'updateTask'>,
  entry: ConflictEntry,
  db?: TendDb,
): Promise<Task> {
  const changes = { [entry.field]: entry.oldValue } as TaskChanges;
  if (entry.kind === 'deleted') changes.deletedAt = null;
  const task = await store.updateTask(entry.taskId, changes);
  if (db && entry.seq !== undefined)
    await db.conflicts.update(entry.seq, { restoredAt: task.updatedAt });
  return task;
}
