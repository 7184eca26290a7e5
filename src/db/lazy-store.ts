// The tasks store arrives after the first paint: it carries validation (zod) and the merge, which the
// list views never need. Writes made before it has loaded simply wait for it; nothing is dropped.
import type { Clock } from '../core/hlc';
import type { TasksStore, TasksStoreOptions } from './tasks-store';

interface StoreModule {
  createTasksStore(options: TasksStoreOptions): TasksStore;
}

// A Record over the interface's keys, so a new store action cannot be forgotten here.
const ACTIONS: Record<keyof TasksStore, true> = {
  getTask: true,
  addTask: true,
  addTasks: true,
  updateTask: true,
  completeTask: true,
  uncompleteTask: true,
  deleteTask: true,
  restoreTask: true,
  reorderTask: true,
  bulkComplete: true,
  bulkMove: true,
  bulkDelete: true,
  bulkRestore: true,
  updateTasks: true,
};

interface LazyTasksStore extends TasksStore {
  /** Starts loading now (call when the page is idle) and resolves with the real store. */
  load(): Promise<TasksStore>;
}

export function createLazyTasksStore(
  options: Omit<TasksStoreOptions, 'clock'> & { clock: Clock | Promise<Clock> },
  importStore: () => Promise<StoreModule> = () => import('./tasks-store'),
): LazyTasksStore {
  let loading: Promise<TasksStore> | undefined;
  const load = () =>
    (loading ??= Promise.all([importStore(), options.clock]).then(([m, clock]) =>
      m.createTasksStore({ ...options, clock }),
    ));
  const store = { load } as LazyTasksStore;
  for (const name of Object.keys(ACTIONS) as (keyof TasksStore)[]) {
    (store as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      const real = (await load()) as unknown as Record<
        string,
        (...a: unknown[]) => Promise<unknown>
      >;
      return real[name](...args);
    };
  }
  return store;
}
