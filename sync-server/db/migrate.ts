// Applies supabase/migrations/<timestamp>_<name>.sql in order, once each, tracked the way the Supabase CLI
// tracks them (supabase_migrations.schema_migrations), so the same files work locally and on Supabase.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './types';

/** Beside the sources, or (bundled server) under the working directory. */
const MIGRATIONS_DIR = [
  fileURLToPath(new URL('../../supabase/migrations', import.meta.url)),
  join(process.cwd(), 'supabase/migrations'),
].find((dir) => existsSync(dir))!;

interface Migration {
  version: string;
  name: string;
  sql: string;
}

function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d+_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const [, version, name] = /^(\d+)_(.+)\.sql$/.exec(f)!;
      return { version, name, sql: readFileSync(join(dir, f), 'utf8') };
    });
}

/** Held by whoever migrates, so servers starting together against one database take turns. */
const MIGRATION_LOCK = 'select pg_advisory_xact_lock(7420815)';

export async function migrate(target: Db, migrations = readMigrations()): Promise<string[]> {
  // A migration may rewrite a large table: no request deadline here.
  const db = target.withTimeout(0);
  // Under the lock too: `create schema if not exists` run by two sessions at once can still fail with a
  // duplicate key on pg_namespace.
  await db.transaction(async (tx) => {
    await tx.query(MIGRATION_LOCK);
    await tx.exec(`
      create schema if not exists supabase_migrations;
      create table if not exists supabase_migrations.schema_migrations (
        version text primary key,
        statements text[],
        name text
      );`);
  });
  const applied: string[] = [];
  for (const m of migrations) {
    const done = await db.transaction(async (tx) => {
      // Several servers may start at once against one database: one migrates, the others wait.
      await tx.query(MIGRATION_LOCK);
      const rows = await tx.query(
        'select 1 from supabase_migrations.schema_migrations where version = $1',
        [m.version],
      );
      if (rows.length > 0) return false;
      await tx.exec(m.sql);
      await tx.query(
        'insert into supabase_migrations.schema_migrations (version, statements, name) values ($1, array[$2], $3)',
        [m.version, m.sql, m.name],
      );
      return true;
    });
    if (done) applied.push(`${m.version}_${m.name}`);
  }
  return applied;
}
