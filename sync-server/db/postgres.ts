// PostgreSQL (Supabase in production) through postgres.js.
import postgres from 'postgres';
import type { Claims, Db, Queryable, Row } from './types';
import { AS_USER_SQL } from './types';

type Sql = postgres.Sql | postgres.TransactionSql;

// Named prepared statements: parsed and planned once per connection instead of on every call (postgres.js
// does not prepare `unsafe` queries by default). Turn off with DB_PREPARE=false behind a transaction-mode
// pooler (Supabase's port 6543), which cannot keep prepared statements.
const PREPARE = process.env.DB_PREPARE !== 'false';

function wrap(sql: Sql): Queryable {
  return {
    async query<T extends Row>(text: string, params: unknown[] = []) {
      const rows = await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[], {
        prepare: PREPARE && params.length > 0,
      });
      return rows as unknown as T[];
    },
    async exec(text: string) {
      await sql.unsafe(text);
    },
  };
}

export function openPostgres(url: string, options: { max?: number } = {}): Db {
  const sql = postgres(url, {
    max: options.max ?? Number(process.env.DB_POOL_MAX ?? 10),
    onnotice: () => {},
    transform: { undefined: null },
    connection: { application_name: 'tend-sync' },
  });
  return {
    kind: 'postgres',
    ...wrap(sql),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) =>
      sql.begin((tx) => fn(wrap(tx))) as Promise<T>,
    asUser: <T>(claims: Claims, fn: (tx: Queryable) => Promise<T>) =>
      sql.begin(async (tx) => {
        // Not awaited alone: pipelined ahead of fn's first statement on the same connection. Should it
        // fail, the transaction is aborted and every later statement fails with it.
        // postgres.js queries are lazy: execute() sends this one now, before fn issues its first.
        const claimsSet = tx
          .unsafe(AS_USER_SQL, [JSON.stringify(claims)], { prepare: PREPARE })
          .execute();
        const [, result] = await Promise.all([claimsSet, fn(wrap(tx))]);
        return result;
      }) as Promise<T>,
    close: () => sql.end({ timeout: 5 }),
  };
}
