// Several server instances start at once against one new PostgreSQL database: one migrates, the others
// wait for it and apply nothing, and none fails.
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { PG_ADMIN_URL, pgReachable } from '../test/harness';
import { migrate } from './migrate';
import { openPostgres } from './postgres';

describe.skipIf(!(await pgReachable()))('migrate', () => {
  it('lets six servers start together on a fresh database', async () => {
    const name = `tend_migrate_${randomUUID().slice(0, 8)}`;
    const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const dbs = [1, 2, 3, 4, 5, 6].map(() =>
      openPostgres(PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`)),
    );
    try {
      const applied = (await Promise.all(dbs.map((db) => migrate(db)))).flat();
      // Each migration applied once, by one of them; a later start has nothing left to do.
      expect(applied.length).toBeGreaterThan(0);
      expect(new Set(applied).size).toBe(applied.length);
      expect(await migrate(dbs[0])).toEqual([]);
    } finally {
      await Promise.all(dbs.map((db) => db.close()));
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 1 });
    }
  });
});
