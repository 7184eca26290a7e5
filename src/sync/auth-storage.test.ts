import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openTendDb } from '../db/database';
import { createMetaStorage } from './auth-storage';

describe('createMetaStorage', () => {
  it('keeps the session in the meta table', async () => {
    const db = openTendDb('auth-storage', { indexedDB: new IDBFactory(), IDBKeyRange });
    const storage = createMetaStorage(db);
    await storage.setItem('tend-auth', '{"access_token":"a"}');
    expect(await storage.getItem('tend-auth')).toBe('{"access_token":"a"}');
    await storage.removeItem('tend-auth');
    expect(await storage.getItem('tend-auth')).toBeNull();
    db.close();
  });

  it('answers "no session" instead of rejecting once the database is closed', async () => {
    const db = openTendDb('auth-storage-closed', { indexedDB: new IDBFactory(), IDBKeyRange });
    const storage = createMetaStorage(db);
    await storage.setItem('tend-auth', 'x');
    db.close();
    expect(await storage.getItem('tend-auth')).toBeNull();
    await expect(storage.setItem('tend-auth', 'y')).resolves.toBeUndefined();
    await expect(storage.removeItem('tend-auth')).resolves.toBeUndefined();
  });
});
