// User-level task actions: each calls the store, reports failure as a sentence in a toast, and offers
// Undo where a change is destructive. Views and shortcuts call these, never the store directly.
import type { Task } from '../../core/task';
import type { TasksStore } from '../../db/tasks-store';
import { describeError } from '../messages';
import type { Toasts } from '../toast/toasts';
import { formatDue } from '../lib/dates';
import type { PendingTasks } from './pending';

export interface TaskActionsDeps {
  store: TasksStore;
  /** Rows captured a moment ago may still be provisional: act on them once they are stored. */
  pending?: Pick<PendingTasks, 'stored'>;
  toasts: Toasts;
  today: () => string;
}

export function createTaskActions({ store, toasts, today, pending }: TaskActionsDeps) {
  const storedTasks = async (tasks: Task[]) => {
    if (!pending) return tasks;
    const found = await Promise.all(tasks.map((t) => pending.stored(t)));
    return found.filter((t): t is Task => t !== null);
  };

  async function attempt<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch (error) {
      toasts.show(describeError(error), { tone: 'error' });
      return undefined;
    }
  }

  const plural = (n: number) => (n === 1 ? '1 task' : `${n} tasks`);

  return {
    attempt,

    /** Completes an open task (a recurring one moves to its next date) or reopens a completed one. */
    async toggleComplete(shown: Task): Promise<void> {
      const [task] = await storedTasks([shown]);
      if (!task) return;
      if (task.completedAt !== null) {
        await attempt(() => store.uncompleteTask(task.id));
        return;
      }
      const result = await attempt(() => store.completeTask(task.id));
      if (!result) return;
      if (result.completedAt === null && result.due && result.due !== task.due) {
        toasts.show(`“${task.title}” moved to ${formatDue(result.due, today())}`, {
          action: {
            label: 'Undo',
            run: () => void attempt(() => store.updateTask(task.id, { due: task.due })),
          },
        });
      } else {
        toasts.show(`Completed “${task.title}”`, {
          action: { label: 'Undo', run: () => void attempt(() => store.uncompleteTask(task.id)) },
        });
      }
    },

    async remove(shown: Task[]): Promise<boolean> {
      const tasks = await storedTasks(shown);
      if (tasks.length === 0) return false;
      const ids = tasks.map((t) => t.id);
      const done = await attempt<unknown>(() =>
        ids.length === 1 ? store.deleteTask(ids[0]) : store.bulkDelete(ids),
      );
      if (!done) return false;
      const message =
        ids.length === 1 ? `Deleted “${tasks[0].title}”` : `Deleted ${plural(ids.length)}`;
      toasts.show(message, {
        action: {
          label: 'Undo',
          run: () =>
            void attempt<unknown>(() =>
              ids.length === 1 ? store.restoreTask(ids[0]) : store.bulkRestore(ids),
            ),
        },
      });
      return true;
    },

    async completeMany(shown: Task[]): Promise<void> {
      const open = (await storedTasks(shown)).filter((t) => t.completedAt === null);
      if (open.length === 0) return;
      const done = await attempt(() => store.bulkComplete(open.map((t) => t.id)));
      if (done) toasts.show(`Completed ${plural(open.length)}`);
    },

    async moveMany(shown: Task[], project: string | null): Promise<void> {
      const tasks = await storedTasks(shown);
      const done = await attempt(() =>
        store.bulkMove(
          tasks.map((t) => t.id),
          project,
        ),
      );
      if (done) toasts.show(`Moved ${plural(tasks.length)} to ${project ?? 'Inbox'}`);
    },

    /** Moves `task` to sit between the given neighbours (as displayed). */
    async reorder(shown: Task, above: Task | null, below: Task | null): Promise<void> {
      const [task] = await storedTasks([shown]);
      if (!task || above?.id.startsWith('pending-') || below?.id.startsWith('pending-')) return;
      await attempt(() => store.reorderTask(task.id, above?.id ?? null, below?.id ?? null));
    },
  };
}

export type TaskActions = ReturnType<typeof createTaskActions>;
