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

export async function openPglite(dataDir: string | undefined): Promise<Db> {
  const pg = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
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
