// Optimistic capture: a task typed into quick add is shown at once, before IndexedDB has committed it,
// and drops out as soon as the live query returns the stored row (or the write fails).
import { createSignal } from 'solid-js';
import { DEFAULT_FIELDS } from '../../core/task-shape';
import type { Task } from '../../core/task';
import type { NewTask } from '../../core/task';

const SETTLE_AFTER_MS = 3000;

interface PendingTask {
  key: string;
  task: Task;
}

export function createPendingTasks() {
  const [pending, setPending] = createSignal<PendingTask[]>([]);
  const waiting = new Map<string, (task: Task | null) => void>();
  const saved = new Map<string, Promise<Task | null>>();
  let next = 1;

  /** Shows `fields` as a provisional task; returns its key for resolve/remove. */
  function add(fields: NewTask, now: Date): string {
    const key = `pending-${next++}`;
    const iso = now.toISOString();
    const task = {
      ...DEFAULT_FIELDS,
      ...fields,
      id: key,
      order: Number.MAX_SAFE_INTEGER,
      createdAt: iso,
      updatedAt: iso,
    } as Task;
    setPending((list) => [...list, { key, task }]);
    saved.set(key, new Promise((done) => waiting.set(key, done)));
    return key;
  }

  /** The store answered: keep showing the real task until the live query has it. */
  function resolve(key: string, task: Task) {
    setPending((list) => list.map((p) => (p.key === key ? { key, task } : p)));
    waiting.get(key)?.(task);
    waiting.delete(key);
    // Views settle their own rows at once; this catches tasks that landed outside the open view.
    setTimeout(() => remove(key), SETTLE_AFTER_MS);
  }

  function remove(key: string) {
    waiting.get(key)?.(null);
    waiting.delete(key);
    saved.delete(key);
    setPending((list) => list.filter((p) => p.key !== key));
  }

  /** Forgets provisional tasks the live query now shows (by id). */
  function settle(shown: ReadonlySet<string>) {
    const list = pending();
    if (list.some((p) => shown.has(p.task.id)))
      setPending(list.filter((p) => !shown.has(p.task.id)));
  }

  const tasks = () => pending().map((p) => p.task);

  /** The stored task for a row that may still be provisional (null when its write failed). */
  async function stored(task: Task): Promise<Task | null> {
    const promise = saved.get(task.id);
    return promise ? promise : task;
  }

  return { tasks, add, resolve, remove, settle, stored };
}

export type PendingTasks = ReturnType<typeof createPendingTasks>;
