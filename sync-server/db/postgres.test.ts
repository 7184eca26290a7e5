// The PostgreSQL adapter when a transaction's connection dies under it (its backend terminated from another
// session, as a fast shutdown or a failover does). postgres.js would write to the closed socket and crash
// the process with an uncaught TypeError; the adapter must answer DatabaseUnavailableError instead.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgReachable, type TestDatabase } from '../test/harness';
import { openPostgres } from './postgres';
import type { Db } from './types';
import { DatabaseUnavailableError } from './unavailable';

const reachable = await pgReachable();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!reachable)('openPostgres when the connection is lost', () => {
  let database: TestDatabase;
  let db: Db;
  let admin: postgres.Sql;
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);

  beforeAll(async () => {
    database = await createTestDatabase('postgres', 'connloss');
    db = openPostgres(database.url!, { max: 2, timeoutMs: 3000 });
    admin = postgres(database.url!, { max: 1, onnotice: () => {} });
    process.on('uncaughtException', onUncaught);
  });
  afterAll(async () => {
    process.off('uncaughtException', onUncaught);
    await db.close();
    await admin.end({ timeout: 1 });
    await database.drop();
  });

  const terminate = (pid: number) => admin`select pg_terminate_backend(${pid})`;

  it('a statement after the connection closed while idle in the transaction', async () => {
    const outcome = db.transaction(async (tx) => {
      const [{ pid }] = await tx.query<{ pid: number }>('select pg_backend_pid() as pid');
      await terminate(pid);
      await sleep(200); // the socket's close arrives meanwhile
      await tx.query('select 1');
    });
    await expect(outcome).rejects.toBeInstanceOf(Error);
    await sleep(300);
    expect(uncaught).toEqual([]);
    expect(await db.query('select 1 as ok')).toEqual([{ ok: 1 }]);
  });

  it('a statement in flight when the connection closes', async () => {
    const outcome = db.transaction(async (tx) => {
      const [{ pid }] = await tx.query<{ pid: number }>('select pg_backend_pid() as pid');
      await Promise.all([tx.query('select pg_sleep(1)'), terminate(pid)]);
    });
    await expect(outcome).rejects.toBeInstanceOf(DatabaseUnavailableError);
    await sleep(300);
    expect(uncaught).toEqual([]);
    expect(await db.query('select 1 as ok')).toEqual([{ ok: 1 }]);
  });

  it('gives a connection back whose statement was cancelled, so the pool does not run dry', async () => {
    const single = openPostgres(database.url!, { max: 1, timeoutMs: 2000 });
    try {
      for (let i = 0; i < 2; i++) {
        const outcome = single.transaction(async (tx) => {
          await tx.query("set local statement_timeout = '50ms'");
          await tx.query('select pg_sleep(1)');
        });
        await expect(outcome).rejects.toMatchObject({ code: 'database_unavailable' });
      }
      expect(await single.query('select 1 as ok')).toEqual([{ ok: 1 }]);
    } finally {
      await single.close();
    }
  });

  it('gives up after the deadline instead of waiting', async () => {
    const quick = db.withTimeout(300);
    const started = performance.now();
    await expect(quick.query('select pg_sleep(2)')).rejects.toBeInstanceOf(
      DatabaseUnavailableError,
    );
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe.skipIf(!reachable)('openPostgres: a last statement pipelined with the commit', () => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase('postgres', 'lastcommit');
    db = openPostgres(database.url!, { max: 2, timeoutMs: 3000 });
    await db.query('create table pipelined (id int primary key)');
  });
  afterAll(async () => {
    await db.close();
    await database.drop();
  });

  const ids = async () =>
    (await db.query<{ id: number }>('select id from pipelined order by id')).map((r) => r.id);

  it('commits it with the transaction', async () => {
    await db.transaction(async (tx) => {
      await tx.query('insert into pipelined values (1)');
      tx.queryBeforeCommit!('insert into pipelined values ($1)', [2]);
    });
    expect(await ids()).toEqual([1, 2]);
  });

  it('fails and rolls back with a statement that fn caught', async () => {
    const outcome = db.transaction(async (tx) => {
      await tx.query('insert into pipelined values (4)');
      await tx.query('insert into pipelined values (1)').catch(() => undefined);
      return 'answered';
    });
    await expect(outcome).rejects.toMatchObject({ code: '23505' });
    expect(await ids()).toEqual([1, 2]);
  });

  it('sets the claims in the transaction, before its first statement', async () => {
    const claims = { sub: '00000000-0000-4000-8000-000000000001', role: 'authenticated' };
    const [row] = await db.asUser(claims, (tx) =>
      tx.query<{ role: string; claims: string }>(
        "select current_user as role, current_setting('request.jwt.claims', true) as claims",
      ),
    );
    expect(row.role).toBe('authenticated');
    expect(JSON.parse(row.claims)).toEqual(claims);
    const [after] = await db.query<{ claims: string | null }>(
      "select nullif(current_setting('request.jwt.claims', true), '') as claims",
    );
    expect(after.claims).toBeNull();
  });

  it('rolls the whole transaction back and rejects with its error when it fails', async () => {
    const outcome = db.transaction(async (tx) => {
      await tx.query('insert into pipelined values (3)');
      tx.queryBeforeCommit!('insert into pipelined values ($1)', [1]);
      return 'answered';
    });
    await expect(outcome).rejects.toMatchObject({ code: '23505' });
    expect(await ids()).toEqual([1, 2]);
  });
});
