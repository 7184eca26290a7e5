// Dexie's key bounds and `waitFor` for the list queries, which are part of the first paint's JS while
// Dexie itself loads after it: the same values, without importing Dexie.
import type { Dexie } from 'dexie';
import type { TendDb } from './database';

/** The lowest IndexedDB key (Dexie.minKey). */
export const MIN_KEY = -Infinity;

/** A key above every key the app stores (Dexie.maxKey in every browser that has array keys). */
export const MAX_KEY: unknown[][] = [[]];

/** Dexie.waitFor through the database's own class: keeps a live query's zone across `promise`. */
export function waitFor<T>(db: TendDb, promise: Promise<T>): Promise<T> {
  return (db.constructor as typeof Dexie).waitFor(promise);
}
