// Dexie takes its bounds from the global IndexedDB it finds when it loads.
import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { openTendDb } from './database';
import { MAX_KEY, MIN_KEY, waitFor } from './key-range';

describe('key range', () => {
  it('holds the same bounds as Dexie', () => {
    expect(MIN_KEY).toEqual(Dexie.minKey);
    expect(MAX_KEY).toEqual(Dexie.maxKey);
  });

  it('waits through the database class', async () => {
    const db = openTendDb('key-range-test', { indexedDB: new IDBFactory(), IDBKeyRange });
    expect(await waitFor(db, Promise.resolve(42))).toBe(42);
    db.close();
  });
});
