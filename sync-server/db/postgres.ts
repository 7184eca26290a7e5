// PostgreSQL (Supabase in production) through postgres.js, bounded by one timeout so a database outage turns
// into quick 503s instead of hung requests.
import postgres from 'postgres';
import type { Claims, Db, Queryable, Row } from './types';
import { AS_USER_SQL } from './types';
import { DatabaseUnavailableError, isDatabaseUnavailable, withDeadline } from './unavailable';

type Sql = postgres.Sql | postgres.TransactionSql;

// Named prepared statements: parsed and planned once per connection instead of on every call (postgres.js
// does not prepare `unsafe` queries by default). Turn off with DB_PREPARE=false behind a transaction-mode
// pooler (Supabase's port 6543), which cannot keep prepared statements.
const PREPARE = process.env.DB_PREPARE !== 'false';

const DEFAULT_DB_TIMEOUT_MS = 5000;

export interface PostgresOptions {
  max?: number;
  /** Longest a connect, a statement or a whole transaction may take before the caller gets a 503 (0: none). */
  timeoutMs?: number;
}

function run<T extends Row>(sql: Sql, text: string, params: unknown[]): Promise<T[]> {
  return sql.unsafe(text, params as postgres.ParameterOrJSON<never>[], {
    prepare: PREPARE && params.length > 0,
  }) as unknown as Promise<T[]>;
}

function wrap(sql: Sql, timeoutMs: number): Queryable {
  return {
    query: <T extends Row>(text: string, params: unknown[] = []) =>
      withDeadline(run<T>(sql, text, params), timeoutMs),
    exec: async (text: string) => {
      await withDeadline(sql.unsafe(text), timeoutMs);
    },
  };
}

const lostConnection = () => new DatabaseUnavailableError('connection lost during the transaction');

/**
 * A transaction that never touches its connection after the connection is gone.
 *
 * postgres.js 3.4.9 (the latest) crashes the process when a query is issued on a transaction's reserved
 * connection after its socket closed: `execute` queues the write with `setImmediate(nextWrite)`, and
 * `nextWrite` calls `socket.write` on the `null` that `closed()` left behind (an uncaught TypeError). Its own
 * `begin` does exactly that when the callback settles after the close (it sends ROLLBACK or COMMIT). So once a
 * statement fails for loss of the connection, or `begin` rejects, this wrapper issues nothing more on it and
 * never settles the callback's promise (so `begin` sends nothing), and answers the caller at once.
 */
function guardedTransaction<T>(
  sql: postgres.Sql,
  timeoutMs: number,
  fn: (tx: Queryable) => Promise<T>,
  claims?: Claims,
): Promise<T> {
  let broken = false;
  /** The statements sent with queryBeforeCommit, answered after fn returns and before the commit's answer. */
  const last: Promise<unknown>[] = [];
  return withDeadline(
    new Promise<T>((resolve, reject) => {
      const lost = (error: unknown) => {
        broken = true;
        reject(error);
      };
      const guarded = async <R>(work: () => Promise<R>): Promise<R> => {
        if (broken) throw lostConnection();
        try {
          return await work();
        } catch (error) {
          if (isDatabaseUnavailable(error)) lost(error);
          throw error;
        }
      };
      const guard = (tx: postgres.TransactionSql): Queryable => ({
        query: <R extends Row>(text: string, params: unknown[] = []) =>
          guarded(() => run<R>(tx, text, params)),
        exec: (text: string) => guarded(async () => void (await tx.unsafe(text))),
        queryBeforeCommit: (text: string, params: unknown[] = []) => {
          const answer = guarded(() => run(tx, text, params));
          // Read after the commit's answer: a rejection is not unhandled in between.
          answer.catch(() => undefined);
          last.push(answer);
        },
      });
      const never = new Promise<never>(() => {});
      sql
        .begin((tx) => {
          const queryable = guard(tx);
          // Not awaited alone: pipelined ahead of fn's first statement on the same connection. Should it
          // fail, the transaction is aborted and every later statement fails with it.
          const work = claims
            ? Promise.all([
                queryable.query(AS_USER_SQL, [JSON.stringify(claims)]),
                fn(queryable),
              ]).then(([, result]) => result)
            : fn(queryable);
          return work.then(
            (value) => (broken ? never : value),
            (error: unknown) => (broken ? never : Promise.reject(error)),
          );
        })
        // A failed last statement aborted the transaction, so PostgreSQL answered the COMMIT with a
        // rollback: its error is the transaction's.
        .then((value) => Promise.all(last).then(() => resolve(value as T), reject), lost);
    }),
    timeoutMs,
  );
}

export function openPostgres(url: string, options: PostgresOptions = {}): Db {
  const timeoutMs = options.timeoutMs ?? DEFAULT_DB_TIMEOUT_MS;
  const sql = postgres(url, {
    max: options.max ?? Number(process.env.DB_POOL_MAX ?? 10),
    onnotice: () => {},
    transform: { undefined: null },
    connect_timeout: Math.max(1, Math.ceil(timeoutMs / 1000)),
    // The default backoff grows to 20 s between reconnects after a run of failures, which kept the server
    // failing for seconds after the database was back. Retry quickly instead, never more than 0.5 s apart.
    backoff: (attempt: number) => Math.min(0.05 * 2 ** attempt, 0.5),
    connection: { application_name: 'tend-sync' },
  });
  return withTimeout(sql, timeoutMs);
}

/** The pool seen with one deadline; migrations, backups and maintenance take a view without one. */
function withTimeout(sql: postgres.Sql, timeoutMs: number): Db {
  return {
    kind: 'postgres',
    ...wrap(sql, timeoutMs),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => guardedTransaction(sql, timeoutMs, fn),
    asUser: <T>(claims: Claims, fn: (tx: Queryable) => Promise<T>) =>
      guardedTransaction(sql, timeoutMs, fn, claims),
    withTimeout: (ms) => withTimeout(sql, ms),
    async listen(channel, onNotify, onListening) {
      const { unlisten } = await sql.listen(channel, onNotify, onListening);
      return unlisten;
    },
    close: () => sql.end({ timeout: 5 }),
  };
}
