// Several server instances start at once against one new PostgreSQL database: one migrates, the others
// wait for it and apply nothing, and none fails.
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { PG_ADMIN_URL, pgReachable } from '../test/harness';
import { migrate, readMigrations } from './migrate';
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
      const applied = await Promise.all(dbs.map((db) => migrate(db)));
      expect(applied.flat().sort()).toEqual(readMigrations().map((m) => `${m.version}_${m.name}`));
    } finally {
      await Promise.all(dbs.map((db) => db.close()));
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 1 });
    }
  });
});
