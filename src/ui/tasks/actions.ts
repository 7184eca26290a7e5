// User-level task actions: each calls the store, reports failure as a sentence in a toast, and offers
// Undo where a change is destructive. Views and shortcuts call these, never the store directly.
import type { Task } from '../../core/task';
import { queryDescendants } from '../../db/queries';
import type { TasksStore } from '../../db/tasks-store';
import type { AppContextValue } from '../app-context';
import type { Toasts } from '../toast/toasts';
import { describeError, plural } from '../messages';
import { formatDue } from '../lib/dates';
import type { PendingTasks } from './pending';

/** What to do with the open sub-tasks of a task being completed; null cancels. */
export type SubtaskChoice = 'all' | 'only-parent' | null;

interface TaskActionsDeps {
  store: TasksStore;
  /** Every task under a task (not deleted): deleting takes them along, completing asks about them. */
  descendants?: (taskId: string) => Promise<Task[]>;
  /** Asks whether completing `task` completes its open sub-tasks too. */
  askCompleteSubtasks?: (task: Task, open: Task[]) => Promise<SubtaskChoice>;
  /** Rows captured a moment ago may still be provisional: act on them once they are stored. */
  pending?: Pick<PendingTasks, 'stored' | 'settle'>;
  toasts: Toasts;
  today: () => string;
}

/** The actions of a view or the task detail: on the app's store, sub-tasks found in its database. */
export function createAppTaskActions(
  app: AppContextValue,
  askCompleteSubtasks: TaskActionsDeps['askCompleteSubtasks'],
) {
  return createTaskActions({
    store: app.store,
    toasts: app.toasts,
    today: app.today,
    pending: app.pending,
    descendants: (id) => queryDescendants(app.db, id),
    askCompleteSubtasks,
  });
}

export function createTaskActions({
  store,
  toasts,
  today,
  pending,
  descendants = async () => [],
  askCompleteSubtasks = async () => 'only-parent',
}: TaskActionsDeps) {
  const storedTasks = async (tasks: Task[]) => {
    if (!pending) return tasks;
    const found = await Promise.all(tasks.map((t) => pending.stored(t)));
    return found.filter((t): t is Task => t !== null);
  };
  /**
   * A provisional row completed or deleted before the live query showed it would stand in the view,
   * stale, until it expires: the store now holds the truth, so the row goes and the query decides.
   */
  const superseded = (ids: string[]) => pending?.settle(new Set(ids));

  // Not lib/act-or-toast: importing it here makes the bundler split messages out of the first chunk.
  async function attempt<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch (error) {
      toasts.show(describeError(error), { tone: 'error' });
      return undefined;
    }
  }

  /** Completes a task and the open sub-tasks the user chose to complete with it. */
  async function completeWithSubtasks(task: Task, open: Task[]): Promise<boolean> {
    const choice = await askCompleteSubtasks(task, open);
    if (choice === null) return true;
    if (choice === 'only-parent') return false;
    const ids = [task.id, ...open.map((t) => t.id)];
    const done = await attempt(() => store.bulkComplete(ids));
    if (!done) return true;
    toasts.show(`Completed “${task.title}” and ${plural(open.length, 'sub-task')}`, {
      action: {
        label: 'Undo',
        run: () =>
          void attempt(() =>
            store.updateTasks(ids.map((id) => ({ id, changes: { completedAt: null } }))),
          ),
      },
    });
    return true;
  }

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
      if (!task.recurrence) {
        const open = (await descendants(task.id)).filter((t) => t.completedAt === null);
        if (open.length > 0 && (await completeWithSubtasks(task, open))) return;
      }
      const result = await attempt(() => store.completeTask(task.id));
      if (!result) return;
      superseded([task.id]);
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

    /** Deletes the tasks and every sub-task under them, with one Undo for all of it. */
    async remove(shown: Task[]): Promise<boolean> {
      const tasks = await storedTasks(shown);
      if (tasks.length === 0) return false;
      const chosen = new Set(tasks.map((t) => t.id));
      const below = (await Promise.all(tasks.map((t) => descendants(t.id))))
        .flat()
        .filter((t) => !chosen.has(t.id) && t.deletedAt === null);
      const ids = [...chosen, ...new Set(below.map((t) => t.id))];
      const done = await attempt<unknown>(() =>
        ids.length === 1 ? store.deleteTask(ids[0]) : store.bulkDelete(ids),
      );
      if (!done) return false;
      superseded(ids);
      const extra = ids.length - chosen.size;
      const message =
        (chosen.size === 1
          ? `Deleted “${tasks[0].title}”`
          : `Deleted ${plural(chosen.size, 'task')}`) +
        (extra > 0 ? ` and ${plural(extra, 'sub-task')}` : '');
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

    /** Brings deleted tasks back from the Trash, with Undo. */
    async restore(tasks: Task[]): Promise<boolean> {
      if (tasks.length === 0) return false;
      const ids = tasks.map((t) => t.id);
      const done = await attempt(() => store.bulkRestore(ids));
      if (!done) return false;
      const message =
        ids.length === 1
          ? `Restored “${tasks[0].title}”`
          : `Restored ${plural(ids.length, 'task')}`;
      toasts.show(message, {
        action: { label: 'Undo', run: () => void attempt(() => store.bulkDelete(ids)) },
      });
      return true;
    },

    async completeMany(shown: Task[]): Promise<void> {
      const open = (await storedTasks(shown)).filter((t) => t.completedAt === null);
      if (open.length === 0) return;
      const done = await attempt(() => store.bulkComplete(open.map((t) => t.id)));
      if (done) toasts.show(`Completed ${plural(open.length, 'task')}`);
    },

    async moveMany(shown: Task[], project: string | null): Promise<void> {
      const tasks = await storedTasks(shown);
      const done = await attempt(() =>
        store.bulkMove(
          tasks.map((t) => t.id),
          project,
        ),
      );
      if (done) toasts.show(`Moved ${plural(tasks.length, 'task')} to ${project ?? 'Inbox'}`);
    },

    /** Moves tasks into a section of their project (null: out of any), with one Undo. */
    async moveToSection(shown: Task[], sectionId: string | null, sectionName: string) {
      const tasks = (await storedTasks(shown)).filter((t) => t.sectionId !== sectionId);
      if (tasks.length === 0) return;
      const done = await attempt(() =>
        store.updateTasks(tasks.map((t) => ({ id: t.id, changes: { sectionId } }))),
      );
      if (!done) return;
      const what = tasks.length === 1 ? `“${tasks[0].title}”` : plural(tasks.length, 'task');
      toasts.show(`Moved ${what} to ${sectionName}`, {
        action: {
          label: 'Undo',
          run: () =>
            void attempt(() =>
              store.updateTasks(
                tasks.map((t) => ({ id: t.id, changes: { sectionId: t.sectionId } })),
              ),
            ),
        },
      });
    },

    /** Makes `task` a sub-task of `parent` (its project too), or moves it to top level (null). */
    async setParent(shown: Task, parent: Task | null): Promise<void> {
      const [task] = await storedTasks([shown]);
      if (!task || parent?.id.startsWith('pending-')) return;
      await attempt(() =>
        store.updateTask(
          task.id,
          parent
            ? { parentId: parent.id, projectId: parent.projectId, project: null }
            : { parentId: null },
        ),
      );
    },

    /** Moves tasks to `day`, keeping each one's time; one Undo puts every date back. */
    async reschedule(shown: Task[], day: string): Promise<void> {
      const tasks = await storedTasks(shown);
      if (tasks.length === 0) return;
      const moved = (due: string | null) => (due && due.length > 10 ? day + due.slice(10) : day);
      const done = await attempt(() =>
        store.updateTasks(tasks.map((t) => ({ id: t.id, changes: { due: moved(t.due) } }))),
      );
      if (!done) return;
      const what = tasks.length === 1 ? `“${tasks[0].title}”` : plural(tasks.length, 'task');
      toasts.show(`Moved ${what} to ${formatDue(day, today())}`, {
        action: {
          label: 'Undo',
          run: () =>
            void attempt(() =>
              store.updateTasks(tasks.map((t) => ({ id: t.id, changes: { due: t.due } }))),
            ),
        },
      });
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
