// Bundled into an IIFE by scripts/bench-client.mjs and injected into the running app's page, so the
// 10,000 benchmark tasks are written by the app's own store (same schema, indexes and outbox).
import { openTendDb } from '../../src/db/database.ts';
import { createPersistentClock } from '../../src/db/persistent-clock.ts';
import type { NewTask } from '../../src/core/task.ts';
import { createTasksStore } from '../../src/db/tasks-store.ts';

const PROJECTS = ['Home', 'Work', 'Garden', 'Errands', 'Health', 'Reading', 'Travel', 'Money'];
const LABELS = ['phone', 'computer', 'outside', 'waiting', 'quick'];
const WORDS =
  'water call email pay book fix plan write read clean buy order send check review'.split(' ');

const day = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/**
 * A deterministic mix: a small inbox and today, most tasks in projects, and a long completed history
 * (`completedShare` of the tasks, 0.8 by default: years of imported Todoist history).
 */
export function benchTasks(count: number, today = new Date(), completedShare = 0.8): NewTask[] {
  const completedKinds = Math.round(20 * completedShare);
  const tasks: NewTask[] = [];
  for (let i = 0; i < count; i++) {
    const due = new Date(today);
    due.setDate(due.getDate() + ((i * 7 + Math.floor(i / 20)) % 30) - 5);
    const kind = i % 20;
    tasks.push({
      title: `${WORDS[i % WORDS.length]} item ${i}`,
      notes: i % 5 === 0 ? `Notes for item ${i}` : '',
      priority: ((i % 4) + 1) as 1 | 2 | 3 | 4,
      // Open tasks are kinds 0-3 (at 80% completed): one in four of them is in the Inbox.
      project: kind === 0 || kind === 19 ? null : PROJECTS[i % PROJECTS.length],
      labels: i % 3 === 0 ? [LABELS[i % LABELS.length]] : [],
      due: kind % 4 === 1 ? day(due) : null,
      completedAt:
        kind >= 20 - completedKinds ? new Date(today.getTime() - i * 60_000).toISOString() : null,
    });
  }
  return tasks;
}

/**
 * Writes `count` tasks through the store. `synced` then empties the outbox, as after a successful
 * push: the steady state of a device whose changes reached the server.
 */
export async function seed(
  count: number,
  { synced = true, completedShare = 0.8 } = {},
): Promise<number> {
  const db = openTendDb();
  const clock = await createPersistentClock(db);
  const store = createTasksStore({ db, clock });
  const batch = 1_000;
  const all = benchTasks(count, new Date(), completedShare);
  for (let i = 0; i < all.length; i += batch) await store.addTasks(all.slice(i, i + batch));
  if (synced) await db.outbox.clear();
  const stored = await db.tasks.count();
  db.close();
  return stored;
}
