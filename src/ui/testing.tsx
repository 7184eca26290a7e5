// Test helpers: a real Dexie database on fake-indexeddb, the real store, and the app context around
// a component, with a fixed clock so "today" is deterministic.
import 'fake-indexeddb/auto';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import type { JSX } from 'solid-js';
import { openTendDb } from '../db/database';
import type { Clock } from '../core/hlc';
import type { TendDb } from '../db/database';
import { createPersistentClock } from '../db/persistent-clock';
import { createTasksStore } from '../db/tasks-store';
import type { TasksStore } from '../db/tasks-store';
import { AppContext } from './app-context';
import type { AppContextValue } from './app-context';
import { createRouter } from './router';
import { createTheme } from './theme/theme';
import { createToasts } from './toast/toasts';
import { createPendingTasks } from './tasks/pending';

/** 2026-11-26 09:00 local time: a Thursday. */
export const TEST_NOW = new Date(2026, 10, 26, 9, 0, 0);
export const TEST_TODAY = '2026-11-26';

let counter = 0;

export interface TestServices {
  db: TendDb;
  store: TasksStore;
  clock: Promise<Clock>;
  now: () => Date;
}

export async function createTestServices(now: Date = TEST_NOW): Promise<TestServices> {
  counter += 1;
  // Passed explicitly: Dexie may have loaded before the fake was installed as a global.
  const db = openTendDb(`tend-ui-test-${counter}-${Math.random().toString(36).slice(2)}`, {
    indexedDB,
    IDBKeyRange,
  });
  const clock = await createPersistentClock(db, { now: () => now.getTime() });
  const store = createTasksStore({ db, clock, now: () => now.getTime() });
  return { db, store, clock: Promise.resolve(clock), now: () => now };
}

/** A full context value for rendering one component outside the shell. */
export function createTestContext(
  services: TestServices,
  overrides: Partial<AppContextValue> = {},
): AppContextValue {
  return {
    ...services,
    router: createRouter(),
    toasts: createToasts(),
    pending: createPendingTasks(),
    theme: createTheme(),
    today: () => TEST_TODAY,
    openTask: () => undefined,
    closeTask: () => undefined,
    openShortcuts: () => undefined,
    focusQuickAdd: () => undefined,
    focusSearch: () => undefined,
    setViewController: () => undefined,
    ...overrides,
  };
}

export function WithApp(props: { value: AppContextValue; children: JSX.Element }): JSX.Element {
  // eslint-disable-next-line solid/reactivity -- the test context is fixed for the render
  return <AppContext.Provider value={props.value}>{props.children}</AppContext.Provider>;
}
