// PostgreSQL (Supabase in production) through postgres.js, bounded by one timeout so a database outage turns
// into quick 503s instead of hung requests.
import postgres from 'postgres';
import type { Claims, Db, Queryable, Row } from './types';
import { AS_USER_SQL, asUserParams } from './types';
import { DatabaseUnavailableError, isDatabaseUnavailable, withDeadline } from './unavailable';

type Sql = postgres.Sql | postgres.TransactionSql;

// Named prepared statements: parsed and planned once per connection instead of on every call (postgres.js
// does not prepare `unsafe` queries by default). Turn off with DB_PREPARE=false behind a transaction-mode
// pooler (Supabase's port 6543), which cannot keep prepared statements.
const PREPARE = process.env.DB_PREPARE !== 'false';

const DEFAULT_DB_TIMEOUT_MS = 5000;

interface PostgresOptions {
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

/** postgres.js's `unsafe` options; `simple` (absent from its typings) picks the simple query protocol. */
type StatementOptions = postgres.UnsafeQueryOptions & { simple?: boolean };

const lostConnection = () => new DatabaseUnavailableError('connection lost during the transaction');

/** The parts of postgres.js's connection object this module relies on (3.4.9). */
interface Connection {
  /** Set by the pool while the connection is reserved, cleared the moment its socket closes. */
  reserved: unknown;
  /** Called by the pool when the socket closes (the hook postgres.js's own `begin` uses). */
  onclose: ((error: unknown) => void) | null;
}

/**
 * A transaction on a reserved connection, its statements pipelined: `begin`, the claims and fn's first
 * statements go out in one write, and the last statement (`queryBeforeCommit`) with the `commit` in another.
 * postgres.js's `begin` would wait for the answer to `begin` before fn could send anything, a round trip
 * and a scope per transaction.
 *
 * It never touches the connection after the connection is gone. postgres.js 3.4.9 (the latest) crashes the
 * process when a query is issued on a reserved connection after its socket closed: `execute` queues the
 * write with `setImmediate(nextWrite)`, and `nextWrite` calls `socket.write` on the `null` that `closed()`
 * left behind (an uncaught TypeError). The pool clears `connection.reserved` in the same turn as `closed()`
 * nulls the socket, so a statement is sent only while the connection is still this reservation; and once
 * a statement fails for loss of the connection, fn's later statements are refused and the caller is
 * answered at once. A connection that closed is never released (the pool already holds it as closed and
 * reconnects it); one that is still ours is rolled back and released whatever happened.
 */
function pipelinedTransaction<T>(
  sql: postgres.Sql,
  timeoutMs: number,
  fn: (tx: Queryable) => Promise<T>,
  claims?: Claims,
): Promise<T> {
  return withDeadline(
    new Promise<T>((resolve, reject) => {
      sql.reserve().then((reserved) => {
        let connection: Connection | null = null;
        let mine: unknown;
        let broken = false;
        /** The first statement that failed: the transaction fails with it even if fn caught it. */
        let failed: { error: unknown } | null = null;
        /** begin, the claims and the statements sent with queryBeforeCommit: answered before the end's. */
        const pending: Promise<unknown>[] = [];
        // Before begin's onexecute nothing was written yet: the reservation is fresh.
        const ours = () => connection === null || connection.reserved === mine;
        const lost = (error: unknown) => {
          broken = true;
          reject(error);
        };
        const send = <R extends Row>(
          text: string,
          params: unknown[],
          options: StatementOptions & { onexecute?: (c: Connection) => boolean } = {
            prepare: PREPARE && params.length > 0,
          },
        ): Promise<R[]> => {
          if (!ours()) return Promise.reject(lostConnection());
          const answer = reserved.unsafe(
            text,
            params as postgres.ParameterOrJSON<never>[],
            options,
          ) as unknown as Promise<R[]>;
          return answer.catch((error: unknown) => {
            if (isDatabaseUnavailable(error)) lost(error);
            else failed ??= { error };
            throw error;
          });
        };
        /**
         * fn's statements: refused once the connection was lost. A query goes through the extended protocol
         * and is prepared even without parameters (postgres.js would send it as a simple query, parsed and
         * planned on every call: the push's lock of the user's state row was); `exec` stays simple, since
         * only a simple query may hold several statements.
         */
        const statement = <R extends Row>(
          text: string,
          params: unknown[],
          options: StatementOptions = { prepare: PREPARE, simple: false },
        ) => (broken ? Promise.reject<R[]>(lostConnection()) : send<R>(text, params, options));
        const background = <A>(answer: Promise<A>) => {
          answer.catch(() => undefined);
          pending.push(answer);
          return answer;
        };
        /**
         * Ends the transaction while the connection is still this reservation and releases it; a closed one
         * stays with the pool. Resolves to the first failure among the pipelined statements and the end.
         */
        const finish = async (end: 'commit' | 'rollback') => {
          if (!ours()) return;
          const answers = await Promise.allSettled([
            ...pending,
            send(end, [], { prepare: PREPARE }),
          ]);
          if (connection && ours()) {
            connection.onclose = null;
            reserved.release();
          }
          return answers.find((a) => a.status === 'rejected');
        };

        // After an outage error the socket's close may still be on its way: a statement written now would
        // sit in postgres.js's unsent buffer and go out ahead of the reconnect's startup message. A
        // connection still ours a moment later is alive (a cancelled statement, a read-only standby).
        const cleanUpLater = () => void setTimeout(() => void finish('rollback'), 100);

        background(
          send('begin', [], {
            prepare: PREPARE,
            onexecute: (c) => {
              connection = c;
              mine = c.reserved;
              // The socket closed while no statement was waiting: nothing else would tell fn.
              c.onclose = () => lost(lostConnection());
              return true;
            },
          }),
        );
        // Not awaited alone: pipelined ahead of fn's first statement. Should it fail, the transaction is
        // aborted and every later statement fails with it.
        if (claims) background(send(AS_USER_SQL, asUserParams(claims)));
        const work = (async () =>
          fn({
            query: <R extends Row>(text: string, params: unknown[] = []) =>
              statement<R>(text, params),
            exec: async (text: string) => void (await statement(text, [], { prepare: false })),
            queryBeforeCommit: <R extends Row>(text: string, params: unknown[] = []) =>
              background(statement<R>(text, params)),
          }))();
        work.then(
          async (value) => {
            if (broken) return cleanUpLater();
            // A failed statement aborted the transaction, so PostgreSQL answers a COMMIT with a rollback
            // (no error): the statement's error is the transaction's.
            const failure = await finish(failed ? 'rollback' : 'commit');
            if (broken) return;
            if (failed || failure) reject(failed ? failed.error : failure!.reason);
            else resolve(value);
          },
          async (error: unknown) => {
            if (broken) return cleanUpLater();
            await finish('rollback');
            // "current transaction is aborted" says less than the statement that aborted it.
            const aborted = (error as { code?: unknown } | null)?.code === '25P02';
            if (!broken) reject(failed && aborted ? failed.error : error);
          },
        );
      }, reject);
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
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => pipelinedTransaction(sql, timeoutMs, fn),
    asUser: <T>(claims: Claims, fn: (tx: Queryable) => Promise<T>) =>
      pipelinedTransaction(sql, timeoutMs, fn, claims),
    withTimeout: (ms) => withTimeout(sql, ms),
    async listen(channel, onNotify, onListening) {
      const { unlisten } = await sql.listen(channel, onNotify, onListening);
      return unlisten;
    },
    close: () => sql.end({ timeout: 5 }),
  };
}
