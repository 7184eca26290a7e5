// The planner's row counts on a PostgreSQL without autovacuum (this machine's runs with it off): a push
// lookup prepared while `tasks` was nearly empty, as on a new installation, kept a plan that scanned the
// whole table on every push after it grew, until the daily maintenance analysed it.
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOAD_PUSH_STATE_SQL } from '../sync/push';
import { createTestDatabase, pgReachable, type TestDatabase } from '../test/harness';
import { analyzeChangedTables, autovacuumIsOff } from './statistics';
import { AS_USER_SQL, asUserParams } from './types';

const reachable = await pgReachable();

describe.skipIf(!reachable)('planner statistics on a new database that grows', () => {
  let database: TestDatabase;
  let sql: postgres.Sql;
  const owner = randomUUID();

  beforeAll(async () => {
    database = await createTestDatabase('postgres', 'statistics');
    sql = postgres(database.url!, { max: 1, onnotice: () => {} });
    await sql.unsafe(`
      insert into auth.users (id, email) values ('${owner}', 'new@example.test');
      insert into public.tasks (owner, id, title, clock, created_at, updated_at, version)
        select '${owner}', gen_random_uuid(), 'first', '{}', now(), now(), g from generate_series(1, 3) g;`);
  }, 60_000);

  afterAll(async () => {
    await sql?.end({ timeout: 1 });
    await database?.drop();
  });

  /** The push's lookup, run on its generic plan (as a connection runs it after five executions). */
  const explain = (taskId: string) =>
    sql.begin(async (tx) => {
      await tx.unsafe(AS_USER_SQL, asUserParams({ sub: owner, role: 'authenticated' }));
      await tx.unsafe('set local plan_cache_mode = force_generic_plan');
      const rows = await tx.unsafe<{ 'QUERY PLAN': string }[]>(
        `explain (analyze, costs off, timing off, summary off)
           execute lookup('["${randomUUID()}"]', '["${taskId}"]')`,
      );
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });

  /** The session's table counts reach the statistics others read (they are flushed when idle). */
  async function countsSeen(minimum: number): Promise<void> {
    await sql`select pg_stat_force_next_flush()`;
    for (let i = 0; i < 100; i++) {
      const [{ n }] = await database.db.query<{ n: string }>(
        `select n_mod_since_analyze::text as n from pg_stat_user_tables where relname = 'tasks'`,
      );
      if (Number(n) >= minimum) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the insert never reached pg_stat_user_tables');
  }

  it('analyses a table that grew, and a lookup prepared while it was small then takes its index', async () => {
    const off = await autovacuumIsOff(database.db);
    await sql.unsafe(`prepare lookup (text, text) as ${LOAD_PUSH_STATE_SQL}`);
    const [{ id: early }] = await sql<{ id: string }[]>`select id from public.tasks limit 1`;
    expect(await explain(early)).toMatch(/on tasks/);
    await sql.unsafe(`
      insert into public.tasks (owner, id, title, clock, created_at, updated_at, version)
        select '${owner}', gen_random_uuid(), 'later', '{}', now(), now(), g
          from generate_series(10, 20000) g;`);
    if (off) {
      // What went wrong: the cached plan still scans the table.
      expect(await explain(early)).toMatch(/Seq Scan on tasks/);
    }
    await countsSeen(19_000);
    expect(await analyzeChangedTables(database.db)).toContain('public.tasks');
    const plan = await explain(early);
    expect(plan).toMatch(/Index Scan using tasks_pkey on tasks/);
    expect(plan).not.toMatch(/Seq Scan on tasks/);
    // Nothing changed since: nothing to analyse.
    expect(await analyzeChangedTables(database.db)).toEqual([]);
  });

  it('leaves a round to the instance already analysing', async () => {
    const other = postgres(database.url!, { max: 1, onnotice: () => {} });
    try {
      await other.begin(async (tx) => {
        await tx`select pg_advisory_xact_lock(7420817)`;
        await sql.unsafe(`update public.tasks set title = 'again' where owner = '${owner}'`);
        await countsSeen(19_000);
        expect(await analyzeChangedTables(database.db)).toEqual([]);
      });
      expect(await analyzeChangedTables(database.db)).toContain('public.tasks');
    } finally {
      await other.end({ timeout: 1 });
    }
  });
});
