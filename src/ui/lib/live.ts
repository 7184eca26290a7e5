// Dexie liveQuery as a Solid signal: every view re-renders when any tab, the sync engine or the
// service worker writes to the database, not only when this page does. Dexie loads after the first
// paint: a query starts once it and the database are there, each in a task of its own at start-up.
import { createSignal, onCleanup, createEffect } from 'solid-js';
import type { Accessor } from 'solid-js';
import { whenDatabasesReady } from '../../db/deferred-db';
import { inTurn } from '../../db/start-up';

interface LiveResult<T> {
  value: Accessor<T>;
  /** False until the first result arrived (lets views avoid flashing an empty state). */
  ready: Accessor<boolean>;
  error: Accessor<unknown>;
}

/** Dexie's liveQuery once Dexie and the page's database are loaded, in the start-up's turn. */
export const loadLiveQuery = () =>
  Promise.all([import('dexie'), whenDatabasesReady()]).then(([dexie]) =>
    inTurn(() => dexie.liveQuery),
  );

/**
 * Subscribes to `query` and re-subscribes whenever a signal read inside `deps` changes
 * (e.g. the route's project name). Values arrive asynchronously, `initial` until then.
 */
export function createLive<T, D = void>(
  query: (deps: D) => T | Promise<T>,
  initial: T,
  deps?: Accessor<D>,
): LiveResult<T> {
  const [value, setValue] = createSignal<T>(initial, { equals: false });
  const [ready, setReady] = createSignal(false);
  const [error, setError] = createSignal<unknown>(undefined);
  const failed = (err: unknown) => {
    setError(() => err);
    setReady(true);
  };
  createEffect(() => {
    const input = deps ? deps() : (undefined as D);
    let unsubscribe: (() => void) | undefined;
    let stopped = false;
    loadLiveQuery().then((liveQuery) => {
      if (stopped) return;
      const subscription = liveQuery(() => query(input)).subscribe({
        next: (result) => {
          setValue(() => result);
          setError(undefined);
          setReady(true);
        },
        error: failed,
      });
      unsubscribe = () => subscription.unsubscribe();
    }, failed);
    onCleanup(() => {
      stopped = true;
      unsubscribe?.();
    });
  });
  return { value, ready, error };
}
