import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { openTendDb } from '../db/database';
import type { TendDb } from '../db/database';
import { cacheKey, createParseCache } from './cache';

const ANSWER = {
  title: 'Pay rent',
  due: '2026-12-01',
  priority: 4 as const,
  project: null,
  labels: [],
  recurrence: null,
};
let db: TendDb;
afterEach(() => db?.close());

describe('parse cache', () => {
  it('keys on model, reference day and normalised text', () => {
    expect(cacheKey('m', '2026-11-26T09:00', '  Pay   RENT\t#Home ')).toBe(
      cacheKey('m', '2026-11-26T09:00', 'pay rent #home'),
    );
    expect(cacheKey('m', '2026-11-26T09:00', 'Pay  rent')).toBe(
      cacheKey('m', '2026-11-26T18:30', 'pay rent'),
    );
    expect(cacheKey('m', '2026-11-26T09:00', 'pay rent')).not.toBe(
      cacheKey('m', '2026-11-27T09:00', 'pay rent'),
    );
    expect(cacheKey('a', '2026-11-26T09:00', 'pay rent')).not.toBe(
      cacheKey('b', '2026-11-26T09:00', 'pay rent'),
    );
  });

  it('stays within its bound, dropping the least recently used entries', async () => {
    db = openTendDb(`cache-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    let time = Date.parse('2026-11-26T09:00:00Z');
    const cache = createParseCache(db, { now: () => (time += 1000), limit: 3 });
    await cache.put('a', ANSWER);
    await cache.put('b', ANSWER);
    await cache.put('c', ANSWER);
    expect(await cache.get('a')).toEqual(ANSWER); // refreshes a
    await cache.put('d', ANSWER);
    expect(await db.aiCache.count()).toBe(3);
    expect(await cache.get('b')).toBeNull();
    expect(await cache.get('a')).toEqual(ANSWER);
    expect(await cache.get('d')).toEqual(ANSWER);
  });

  it('treats an entry that no longer validates as a miss and removes it', async () => {
    db = openTendDb(`cache-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    await db.aiCache.put({
      key: 'old',
      value: { title: 'x', due: 'soon' },
      at: '2026-01-01T00:00:00.000Z',
    });
    const cache = createParseCache(db);
    expect(await cache.get('old')).toBeNull();
    expect(await db.aiCache.get('old')).toBeUndefined();
  });
});
