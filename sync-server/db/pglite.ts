// Embedded database: PGlite persisted in DATA_DIR (or in memory for tests).
import { PGlite } from '@electric-sql/pglite';
import type { Claims, Db, Queryable, Row } from './types';
import { AS_USER_SQL } from './types';

function wrap(pg: Pick<PGlite, 'query' | 'exec'>): Queryable {
  return {
    async query<T extends Row>(sql: string, params: unknown[] = []) {
      const result = await pg.query<T>(sql, params);
      return result.rows;
    },
    async exec(sql: string) {
      await pg.exec(sql);
    },
  };
}

/** PostgreSQL's 128 MB default buffer pool is far more than one person's tasks need; keep the process small. */
const START_PARAMS = [
  ...(PGlite as unknown as { defaultStartParams: string[] }).defaultStartParams,
  '-c',
  'shared_buffers=16MB',
  '-c',
  'temp_buffers=4MB',
];

export async function openPglite(dataDir: string | undefined): Promise<Db> {
  // relaxedDurability only skips awaiting PGlite's own sync step, a no-op for Node's file system, whose
  // writes reach the OS as they happen (a killed process loses nothing committed).
  const pg = await PGlite.create({ dataDir, startParams: START_PARAMS, relaxedDurability: true });
  return fromPglite(pg);
}

export function fromPglite(pg: PGlite): Db {
  const base = wrap(pg);
  return {
    kind: 'pglite',
    ...base,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    asUser: <T>(claims: Claims, fn: (tx: Queryable) => Promise<T>) =>
      pg.transaction(async (tx) => {
        await tx.query(AS_USER_SQL, [JSON.stringify(claims)]);
        return fn(wrap(tx));
      }),
    close: () => pg.close(),
  };
}
