// Which reminder firings this device has shown, shared by the page and the service worker through
// IndexedDB. The rule (one notification per firing and device): whoever shows a firing first records its
// key; the page never shows a recorded key; the service worker, which must show something for every
// push, shows a recorded key under the same tag with renotify off, which replaces the notification
// silently. The page also stands aside while this device has a push subscription (the server pushes).
import { REMINDER_GRACE_MS } from '../core/reminders';
import type { ReminderFiring } from '../core/reminders';
import type { Task } from '../core/task';
import type { DeliveredReminder, TendDb } from './database';
import { storedToTask } from './task-index';

/** Records a firing as shown; false when this device already showed it. */
export async function claimFiring(
  db: TendDb,
  firing: Pick<ReminderFiring, 'key' | 'taskId' | 'at'>,
  by: DeliveredReminder['by'],
  now: number,
): Promise<boolean> {
  return db.transaction('rw', db.delivered, async () => {
    if (await db.delivered.get(firing.key)) return false;
    await db.delivered.put({
      key: firing.key,
      taskId: firing.taskId,
      at: firing.at,
      by,
      deliveredAt: now,
    });
    return true;
  });
}

/** Forgets firings too old to fire again. */
export async function pruneDelivered(db: TendDb, now: number): Promise<void> {
  await db.delivered
    .where('at')
    .below(now - 2 * REMINDER_GRACE_MS)
    .delete();
}

/** Open tasks that have reminders (the page schedules them): one range of the open tasks' index. */
export async function queryRemindedTasks(db: TendDb): Promise<Task[]> {
  const stored = await db.tasks
    .where('[status+projectKey]')
    .between(['open', ''], ['open', '\uffff'], true, true)
    .filter((t) => (t.reminders?.length ?? 0) > 0)
    .toArray();
  return stored.map(storedToTask);
}
