// What syncing every PGlite commit to the disk costs: single-row commits on PGlite as it ships (fsync off,
// no fsync in its Node file system) and as the server runs it (sync-server/db/pglite-fsync.ts), alternated
// in one process on the same disk. `node --import tsx bench/sync/commit-sync.ts [--commits=100] [--rounds=3]`
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { DurableNodeFS, durableStartParams } from '../../sync-server/db/pglite-fsync';

const { values } = parseArgs({
  options: {
    commits: { type: 'string', default: '100' },
    rounds: { type: 'string', default: '3' },
  },
});
const commits = Number(values.commits);
const base = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'tend-commit-sync-'));

async function open(durable: boolean): Promise<PGlite> {
  const dir = join(base, durable ? 'durable' : 'as-shipped');
  const pg = durable
    ? await PGlite.create({ fs: new DurableNodeFS(dir), startParams: durableStartParams() })
    : await PGlite.create({ dataDir: dir });
  await pg.exec('create table if not exists notes (id serial primary key, body text)');
  return pg;
}

async function timeCommits(pg: PGlite): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < commits; i++)
    await pg.query('insert into notes (body) values ($1)', [`n${i}`]);
  return performance.now() - started;
}

const shipped = await open(false);
const durable = await open(true);
const rows: { round: number; asShippedMs: number; durableMs: number; extraMsPerCommit: number }[] =
  [];
for (let round = 1; round <= Number(values.rounds); round++) {
  const asShippedMs = await timeCommits(shipped);
  const durableMs = await timeCommits(durable);
  rows.push({
    round,
    asShippedMs: Math.round(asShippedMs),
    durableMs: Math.round(durableMs),
    extraMsPerCommit: Math.round(((durableMs - asShippedMs) / commits) * 100) / 100,
  });
}
console.table(rows);
await Promise.all([shipped.close(), durable.close()]);
rmSync(base, { recursive: true, force: true });
