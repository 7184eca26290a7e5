// User-level task actions: each calls the store, reports failure as a sentence in a toast, and offers
// Undo where a change is destructive. Views and shortcuts call these, never the store directly.
import type { Task } from '../../core/task';
import type { TasksStore } from '../../db/tasks-store';
import { describeError } from '../messages';
import type { Toasts } from '../toast/toasts';
import { formatDue } from '../lib/dates';

export interface TaskActionsDeps {
  store: TasksStore;
  toasts: Toasts;
  today: () => string;
}

export function createTaskActions({ store, toasts, today }: TaskActionsDeps) {
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
    async toggleComplete(task: Task): Promise<void> {
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

    async remove(tasks: Task[]): Promise<boolean> {
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

    async completeMany(tasks: Task[]): Promise<void> {
      const open = tasks.filter((t) => t.completedAt === null);
      if (open.length === 0) return;
      const done = await attempt(() => store.bulkComplete(open.map((t) => t.id)));
      if (done) toasts.show(`Completed ${plural(open.length)}`);
    },

    async moveMany(tasks: Task[], project: string | null): Promise<void> {
      const done = await attempt(() =>
        store.bulkMove(
          tasks.map((t) => t.id),
          project,
        ),
      );
      if (done) toasts.show(`Moved ${plural(tasks.length)} to ${project ?? 'Inbox'}`);
    },

    /** Moves `task` to sit between the given neighbours (as displayed). */
    async reorder(task: Task, above: Task | null, below: Task | null): Promise<void> {
      await attempt(() => store.reorderTask(task.id, above?.id ?? null, below?.id ?? null));
    },
  };
}

export type TaskActions = ReturnType<typeof createTaskActions>;
