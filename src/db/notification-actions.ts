// What a reminder notification's buttons do, in the page or in the service worker (offline too): the same
// store writes the page makes, so each change lands in the outbox and syncs like any other edit.
import type { Task } from '../core/task';
import { MAX_REMINDERS } from '../core/task-shape';
import { SNOOZE_MINUTES } from '../core/sw-protocol';
import type { TendDb } from './database';
import { createPersistentClock } from './persistent-clock';
import { createTasksStore } from './tasks-store';

async function storeFor(db: TendDb, now: () => number) {
  return createTasksStore({ db, clock: await createPersistentClock(db, { now }), now });
}

/** "Complete": completes the task (a recurring one moves to its next occurrence, reminders with it). */
export async function completeFromNotification(
  db: TendDb,
  taskId: string,
  now: () => number = Date.now,
): Promise<Task> {
  return (await storeFor(db, now)).completeTask(taskId);
}

/** "Snooze 10 min": one more reminder, ten minutes from now. */
export async function snoozeFromNotification(
  db: TendDb,
  taskId: string,
  newId: () => string = () => crypto.randomUUID(),
  now: () => number = Date.now,
): Promise<Task> {
  const store = await storeFor(db, now);
  const task = await store.getTask(taskId);
  if (!task) throw new Error(`No task ${taskId}`);
  const at = new Date(now() + SNOOZE_MINUTES * 60_000).toISOString();
  // The oldest reminder makes room when the task already has the most it may have.
  const kept = task.reminders.length >= MAX_REMINDERS ? task.reminders.slice(1) : task.reminders;
  return store.updateTask(taskId, { reminders: [...kept, { id: newId(), at }] });
}
