// PostgreSQL (Supabase in production) through postgres.js.
import postgres from 'postgres';
import type { Claims, Db, Queryable, Row } from './types';
import { AS_USER_SQL } from './types';

type Sql = postgres.Sql | postgres.TransactionSql;

function wrap(sql: Sql): Queryable {
  return {
    async query<T extends Row>(text: string, params: unknown[] = []) {
      const rows = await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
      return rows as unknown as T[];
    },
    async exec(text: string) {
      await sql.unsafe(text);
    },
  };
}

export function openPostgres(url: string, options: { max?: number } = {}): Db {
  const sql = postgres(url, {
    max: options.max ?? 10,
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
        await tx.unsafe(AS_USER_SQL, [JSON.stringify(claims)]);
        return fn(wrap(tx));
      }) as Promise<T>,
    close: () => sql.end({ timeout: 5 }),
  };
}
