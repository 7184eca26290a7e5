// Databases for ops tests: PGlite in memory and a fresh, uniquely named database on the local PostgreSQL,
// both migrated with the project's real migrations. PostgreSQL tests skip when the server is unreachable.
import { describe } from 'vitest';
import type { Db } from '../../db/types';
import { createTestDatabase, pgReachable } from '../../test/harness';
import type { TestDatabase } from '../../test/harness';

// One harness for every server test: these names keep the ops suites' vocabulary.
export { PG_ADMIN_URL } from '../../test/harness';
export const postgresReachable = pgReachable;
export type TempPostgres = TestDatabase & { url: string };

export async function createPgliteDb(): Promise<Db> {
  return (await createTestDatabase('pglite', 'ops')).db;
}

export async function createPostgresDb(suite: string): Promise<TempPostgres> {
  return (await createTestDatabase('postgres', `ops_${suite}`)) as TempPostgres;
}

/** Users and tasks in the shapes the server writes them, for maintenance and backup tests. */
export async function seedUsersAndTasks(
  db: Db,
  { users = 2, tasksPerUser = 5, now = new Date('2026-11-25T12:00:00Z') } = {},
): Promise<string[]> {
  const ids: string[] = [];
  for (let u = 0; u < users; u++) {
    const id = `00000000-0000-4000-8000-${String(u + 1).padStart(12, '0')}`;
    ids.push(id);
    await db.query(
      `insert into auth.users (id, email, encrypted_password, raw_app_meta_data, last_sign_in_at, created_at, updated_at)
       values ($1, $2, 'scrypt$x', $3::jsonb, $4, $4, $4)`,
      [
        id,
        `user${u}@example.test`,
        JSON.stringify(u === 0 ? { role: 'admin' } : {}),
        now.toISOString(),
      ],
    );
    for (let t = 0; t < tasksPerUser; t++) {
      const taskId = `10000000-0000-4000-8000-${String(u * 1000 + t).padStart(12, '0')}`;
      await db.query(
        `insert into public.tasks (owner, id, title, notes, priority, labels, completed_at, sort_order, clock,
           created_at, updated_at, version)
         values ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9::jsonb, $10, $10, $11)`,
        [
          id,
          taskId,
          `Task ${t} of user ${u} — ünïcödé "quoted"`,
          t % 2 ? 'notes\nwith newline' : '',
          (t % 4) + 1,
          JSON.stringify(t % 3 ? ['home'] : []),
          t % 3 === 0 ? now.toISOString() : null,
          t + 0.1 + 1e-12,
          JSON.stringify({ title: `2026-11-26T09:00:00.000Z-000${t}-0123456789ABCDEF` }),
          now.toISOString(),
          t + 1,
        ],
      );
    }
    await db.query('insert into public.sync_state (owner, seq) values ($1, $2)', [
      id,
      tasksPerUser,
    ]);
    await db.query(
      `insert into public.sync_log (owner, mutation_id, task_id, status, synced_at) values ($1, 'm1', 'x', 'applied', $2)`,
      [id, now.toISOString()],
    );
  }
  return ids;
}

export type OpenDb = () => Promise<{ db: Db; close(): Promise<void> }>;

/** Declares a suite once for PGlite and once for a fresh PostgreSQL database (skipped when unreachable). */
export async function onEachDatabase(
  suiteName: string,
  suite: (name: string, open: OpenDb) => void,
): Promise<void> {
  suite('PGlite', async () => {
    const db = await createPgliteDb();
    return { db, close: () => db.close() };
  });
  const pgUp = await postgresReachable();
  describe.skipIf(!pgUp)('PostgreSQL', () => {
    suite('PostgreSQL', async () => {
      const pg = await createPostgresDb(suiteName);
      return { db: pg.db, close: () => pg.drop() };
    });
  });
}
