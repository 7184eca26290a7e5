// Embedded database: PGlite persisted in DATA_DIR (or in memory for tests).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { DurableNodeFS, durableStartParams, syncTreeToDisk } from './pglite-fsync';
import { guardPglite, type PgliteGuard, type PgliteGuardOptions } from './pglite-guard';
import type { Claims, Db, Queryable, Row } from './types';
import { AS_USER_SQL, asUserParams } from './types';
import { withDeadline } from './unavailable';

function wrap(pg: Pick<PGlite, 'query' | 'exec'>, timeoutMs: number): Queryable {
  return {
    async query<T extends Row>(sql: string, params: unknown[] = []) {
      const result = await withDeadline(pg.query<T>(sql, params), timeoutMs);
      return result.rows;
    },
    async exec(sql: string) {
      await withDeadline(pg.exec(sql), timeoutMs);
    },
  };
}

/** PostgreSQL's 128 MB default buffer pool is far more than one person's tasks need; keep the process small. */
const START_PARAMS = durableStartParams(['-c', 'shared_buffers=16MB', '-c', 'temp_buffers=4MB']);

/**
 * Creates a new data directory in a short-lived child process. initdb runs in its own WebAssembly instance,
 * and a process that ran it keeps about 500 MB more resident for good (measured: 720-790 MB after a first
 * start, 230 MB when the same directory is opened by a fresh process; closing and reopening in-process
 * still leaves 350 MB).
 */
function createDataDirInChild(dataDir: string): void {
  const pglite =
    typeof import.meta.resolve === 'function'
      ? import.meta.resolve('@electric-sql/pglite')
      : '@electric-sql/pglite';
  const script = `const { PGlite } = await import(${JSON.stringify(pglite)});
    const pg = await PGlite.create(${JSON.stringify(dataDir)});
    await pg.close();`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`could not create the PGlite data directory ${dataDir}`);
  syncTreeToDisk(dataDir);
}

/**
 * PGlite in `dataDir` (in memory without one). On disk, every commit is synced (pglite-fsync.ts) and a
 * guard fences the database off while the directory refuses writes (pglite-guard.ts).
 */
export async function openPglite(
  dataDir: string | undefined,
  timeoutMs = 5000,
  guardOptions: Omit<PgliteGuardOptions, 'dataDir'> = {},
): Promise<Db> {
  if (!dataDir) return fromPglite(await PGlite.create({ startParams: START_PARAMS }), timeoutMs);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) createDataDirInChild(dataDir);
  // relaxedDurability only skips awaiting PGlite's own sync step, a no-op for Node's file system: the
  // commit's fsync happens inside the statement.
  const pg = await PGlite.create({
    fs: new DurableNodeFS(dataDir),
    startParams: START_PARAMS,
    relaxedDurability: true,
  });
  return fromPglite(pg, timeoutMs, guardPglite(pg, { ...guardOptions, dataDir }));
}

/** PGlite runs one statement at a time; the deadline answers a waiting caller, it cannot cancel the work. */
export function fromPglite(pg: PGlite, timeoutMs = 5000, guard?: PgliteGuard): Db {
  return {
    kind: 'pglite',
    storageFault: guard?.fault,
    ...wrap(pg, timeoutMs),
    transaction: (fn) =>
      withDeadline(
        pg.transaction((tx) => fn(wrap(tx, 0))),
        timeoutMs,
      ),
    asUser: <T>(claims: Claims, fn: (tx: Queryable) => Promise<T>) =>
      withDeadline(
        pg.transaction(async (tx) => {
          await tx.query(AS_USER_SQL, asUserParams(claims));
          return fn(wrap(tx, 0));
        }),
        timeoutMs,
      ),
    withTimeout: (ms) => fromPglite(pg, ms, guard),
    async listen(channel, onNotify, onListening) {
      const unlisten = await pg.listen(channel, onNotify);
      onListening?.();
      return () => unlisten();
    },
    async close() {
      guard?.stop();
      // A PGlite that stopped on PANIC never answers again, its close included; the process is ending anyway.
      if (guard?.fault()) return;
      await pg.close();
    },
  };
}
