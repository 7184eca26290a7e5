// The page's database while Dexie (a third of the page's start-up JS) is still loading: the shell paints
// with a stand-in that forwards to the real database once it is open. Reads wait for it in the live
// queries (`whenDatabasesReady`), writes wait for the device clock, which is read from it.
import type { TendDb } from './database';

/** The database was used before it had opened: a caller should have waited for `whenDatabasesReady`. */
export class DatabaseNotReadyError extends Error {
  constructor(property: string) {
    super(`The database is still opening (read of ${property})`);
    this.name = 'DatabaseNotReadyError';
  }
}

const opening = new Set<Promise<unknown>>();

/** Resolves once every database being opened is open (at once when none is); rejects if one failed. */
export function whenDatabasesReady(): Promise<void> {
  return Promise.all(opening).then(() => undefined);
}

/** Runs `work` once the page's database is open (at once when it is): for reads and writes made
 * outside a live query, which a view or an action can start before the database has opened. */
export function whenDatabaseOpen<T>(work: () => T | Promise<T>): Promise<T> {
  return whenDatabasesReady().then(work);
}

export interface DeferredDb {
  /** Usable after `ready` (or `whenDatabasesReady`); throws DatabaseNotReadyError before. */
  db: TendDb;
  ready: Promise<TendDb>;
}

export function deferDatabase(open: () => Promise<TendDb>): DeferredDb {
  let real: TendDb | undefined;
  const ready = open().then((db) => (real = db));
  opening.add(ready);
  // A failed open stays in the set: every later read reports it instead of running on nothing.
  ready.then(() => opening.delete(ready)).catch(() => undefined);
  const opened = (property: PropertyKey): TendDb => {
    if (!real) throw new DatabaseNotReadyError(String(property));
    return real;
  };
  const db = new Proxy({} as TendDb, {
    get(_target, property) {
      const target = opened(property);
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set: (_target, property, value) => Reflect.set(opened(property), property, value),
    has: (_target, property) => Reflect.has(opened(property), property),
  });
  return { db, ready };
}
