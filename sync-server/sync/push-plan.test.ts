// The push's lookup of the tasks a batch touches, planned the way PostgreSQL plans a prepared statement
// (generic plan), on a realistic spread of owners: most accounts hold a task or two, one holds thousands.
// The planner estimates `owner = <a parameter>` from the average rows per owner; left to that, it walked
// the big account's whole (owner, version) index for every task of every push.
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AS_USER_SQL, asUserParams } from '../db/types';
import { createTestDatabase, pgReachable, type TestDatabase } from '../test/harness';
import { LOAD_PUSH_STATE_SQL } from './push';

const reachable = await pgReachable();

const SMALL_ACCOUNTS = 20_000;
const BIG_ACCOUNT_TASKS = 2_000;

describe.skipIf(!reachable)('the push task lookup on PostgreSQL', () => {
  let database: TestDatabase;
  let sql: postgres.Sql;
  const big = randomUUID();
  let taskId = '';

  beforeAll(async () => {
    database = await createTestDatabase('postgres', 'push_plan');
    sql = postgres(database.url!, { max: 1, onnotice: () => {} });
    await sql.unsafe(`
      insert into auth.users (id, email)
        select gen_random_uuid(), 'small' || g || '@example.test' from generate_series(1, ${SMALL_ACCOUNTS}) g;
      insert into auth.users (id, email) values ('${big}', 'big@example.test');
      insert into public.tasks (owner, id, title, clock, created_at, updated_at, version)
        select id, gen_random_uuid(), 'one', '{}', now(), now(), 1 from auth.users where id <> '${big}';
      insert into public.tasks (owner, id, title, clock, created_at, updated_at, version)
        select '${big}', gen_random_uuid(), 'many', '{}', now(), now(), g
          from generate_series(1, ${BIG_ACCOUNT_TASKS}) g;
      analyze public.tasks;`);
    [{ id: taskId }] = await sql<{ id: string }[]>`
      select id from public.tasks where owner = ${big} order by version desc limit 1`;
  }, 60_000);

  afterAll(async () => {
    await sql?.end({ timeout: 1 });
    await database?.drop();
  });

  it('finds a task of an account with thousands through the primary key, not a walk over the account', async () => {
    const plan = await sql.begin(async (tx) => {
      await tx.unsafe(AS_USER_SQL, asUserParams({ sub: big, role: 'authenticated' }));
      await tx.unsafe('set local plan_cache_mode = force_generic_plan');
      await tx.unsafe(`prepare lookup (text, text) as ${LOAD_PUSH_STATE_SQL}`);
      // EXPLAIN EXECUTE takes its arguments as literals: two JSON arrays of generated uuids.
      const rows = await tx.unsafe<{ 'QUERY PLAN': string }[]>(
        `explain (analyze, costs off, timing off, summary off)
           execute lookup('["${randomUUID()}"]', '["${taskId}"]')`,
      );
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/Index Scan using tasks_pkey on tasks/);
    expect(plan).not.toMatch(/Rows Removed by Filter/);
  });
});
