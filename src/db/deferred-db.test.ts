import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openTendDb } from './database';
import type { TendDb } from './database';
import { DatabaseNotReadyError, deferDatabase, whenDatabaseOpen } from './deferred-db';

describe('whenDatabaseOpen', () => {
  it('holds a read made before the database opened until it has, where a direct read fails', async () => {
    let open!: () => void;
    const opening = new Promise<void>((resolve) => (open = resolve));
    const real = openTendDb('deferred-test', { indexedDB: new IDBFactory(), IDBKeyRange });
    const { db, ready } = deferDatabase(() => opening.then(() => real as TendDb));

    expect(() => db.tasks).toThrow(DatabaseNotReadyError);
    const count = whenDatabaseOpen(() => db.tasks.count());
    open();
    expect(await count).toBe(0);
    expect(await ready).toBe(real);
    real.close();
  });
});
