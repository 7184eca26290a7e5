// `npm run bench:sync`: Tend's push path as ratios to a baseline measured in the same run, on the same machine
// and database, with the same load generator, each figure beside the load average it was taken under.
// - single push: Tend's POST /api/sync/push (one mutation) against raw-server.ts, the bare transactional work
//   (lock sync_state, upsert the task row, insert the sync_log row, commit); saturated with 100 connections,
//   and paced at --rate req/s with evenly spaced arrivals (open loop). Alternated --ab times. Each push
//   creates a task; saturated pushes that edit an existing task are measured beside them (no target).
// - batch push: 20 clients x --rounds pushes of 500 mutations against one multi-row INSERT ... ON CONFLICT of
//   the same rows through the driver.
// - server RSS: idle and the peak under that load.
// - --scale: push p95 and pull time as other users' tasks and sync_log rows grow, with the query plans.
// Options: --db=postgres|pglite|both (default both), --duration=S, --rate=N, --rounds=N, --ab=N, --pool=N,
// --port=N (first of three; default 9500), --scale; BENCH_NODE_FLAGS passes node flags to Tend's server.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { PGlite } from '@electric-sql/pglite';
import { applyMutation } from '../../src/core/merge';
import type { Mutation } from '../../src/core/merge';
import { migrate } from '../../sync-server/db/migrate';
import { fromPglite } from '../../sync-server/db/pglite';
import { RECORDSET_COLUMNS, TASK_COLUMNS, recordToRow } from '../../sync-server/sync/records';
import type { LatencyFigures, PushRequest } from './load';
import { loadAverage, paced, saturated } from './load';
import { SERVER_SECRETS, mutation, rawPushes, tendEdits, tendPushes, token } from './pushes';
import { benchScale } from './scale';
import { databaseCpuMs, parentPid, startServer } from './server-process';
import type { ServerProcess } from './server-process';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? 'true'];
  }),
);
const CLIENTS = 20;
const BATCH = 500;
const ROUNDS = Number(args.rounds ?? 3);
const CONNECTIONS = 100;
const DURATION = Number(args.duration ?? 10);
const PACED_RATE = Number(args.rate ?? 100);
/** Runs of each single-push measurement, alternating Tend and the baseline so drifting load hits both. */
const AB = Number(args.ab ?? 2);
/** Database connections, the same for Tend and the baseline. */
const POOL = Number(args.pool ?? 20);
const PORT = Number(args.port ?? 9500);
/**
 * Seconds of saturated pushes to each server before anything is counted. V8 keeps optimising a server's hot
 * paths for 10 s and more under this load (Tend has far more code to compile than the baseline), and a
 * long-running server is past that, so a short warm-up charges Tend for its compiler.
 */
const WARMUP = Number(args.warmup ?? 12);
const PG_ADMIN = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Baseline: the same rows, one multi-row INSERT ... ON CONFLICT per batch, straight through the driver. */
async function batchBaseline(
  exec: (sql: string, params: unknown[]) => Promise<unknown>,
  batches: Mutation[][],
) {
  await exec(
    `create table if not exists public.bench_baseline (like public.tasks including all)`,
    [],
  );
  const columns = TASK_COLUMNS.split(', ');
  const sql = `insert into public.bench_baseline (owner, ${TASK_COLUMNS})
    select $2::uuid, ${columns.map((c) => `r.${c}`).join(', ')} from jsonb_to_recordset($1::text::jsonb) as r(${RECORDSET_COLUMNS})
    on conflict (owner, id) do update set ${columns
      .filter((c) => c !== 'id')
      .map((c) => `${c} = excluded.${c}`)
      .join(', ')}`;
  const owners = Array.from({ length: CLIENTS }, () => randomUUID());
  const load0 = loadAverage();
  const start = performance.now();
  await Promise.all(
    owners.map(async (owner, c) => {
      for (let r = 0; r < ROUNDS; r++) {
        const rows = batches[c * ROUNDS + r].map((m, i) =>
          recordToRow(applyMutation(undefined, m).record, i + 1),
        );
        await exec(sql, [JSON.stringify(rows), owner]);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  return { perSecond: (CLIENTS * ROUNDS * BATCH) / seconds, loadAverage: [load0, loadAverage()] };
}

/**
 * One push, sent again once if the connection fails: a kept-alive connection that sat idle past the
 * server's keep-alive timeout can be closed as it is reused (ECONNRESET). A push is idempotent by mutation id,
 * as the client's retries rely on.
 */
async function pushOnce(base: string, token: string, body: unknown): Promise<Response> {
  const send = () =>
    fetch(`${base}/api/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  return send().catch(send);
}

async function batchPush(base: string, batches: Mutation[][]) {
  const tokens = await Promise.all(Array.from({ length: CLIENTS }, () => token(randomUUID())));
  const load0 = loadAverage();
  const start = performance.now();
  let failed = 0;
  await Promise.all(
    tokens.map(async (t, c) => {
      for (let r = 0; r < ROUNDS; r++) {
        const res = await pushOnce(base, t, {
          clientId: `bench-${c}`,
          mutations: batches[c * ROUNDS + r],
        });
        const body = (await res.json()) as { applied?: string[] };
        if (res.status !== 200 || body.applied?.length !== BATCH) failed += 1;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  return {
    perSecond: (CLIENTS * ROUNDS * BATCH) / seconds,
    failedBatches: failed,
    loadAverage: [load0, loadAverage()],
  };
}

async function batchFigures(
  server: ServerProcess,
  exec: (sql: string, params: unknown[]) => Promise<unknown>,
) {
  const batches = Array.from({ length: CLIENTS * ROUNDS }, () =>
    Array.from({ length: BATCH }, mutation),
  );
  const raw = await batchBaseline(exec, batches);
  const cpuBefore = server.cpuMs();
  const push = await batchPush(server.base, batches);
  const cpuMs = server.cpuMs() - cpuBefore;
  return {
    clients: CLIENTS,
    batchSize: BATCH,
    batchesPerClient: ROUNDS,
    tendMutationsPerSecond: Math.round(push.perSecond),
    baselineRowsPerSecond: Math.round(raw.perSecond),
    ratio: Number((push.perSecond / raw.perSecond).toFixed(3)),
    target: '>= 0.5',
    failedBatches: push.failedBatches,
    /** Tend's server CPU (user + system) per mutation pushed; on PGlite it includes the database's. */
    serverCpuMsPerMutation: Number((cpuMs / (CLIENTS * ROUNDS * BATCH)).toFixed(4)),
    loadAverage: { baseline: raw.loadAverage, tend: push.loadAverage },
  };
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
const ratio = (a: number, b: number) => Number((a / b).toFixed(3));

/** Single-push figures of Tend and the baseline, alternated AB times; ratios of the medians. */
async function singlePush(tend: ServerProcess, raw: ServerProcess, postmasterPid?: number) {
  const tendNext = await tendPushes(CONNECTIONS);
  const rawNext = rawPushes(CONNECTIONS);
  // Edits of existing tasks (10 per user), beside the creations the targets are measured with.
  const editNext = await tendEdits(tend.base, CONNECTIONS, 10);
  const runs = { saturated: { tend: [], raw: [] }, paced: { tend: [], raw: [] } } as Record<
    'saturated' | 'paced',
    { tend: LatencyFigures[]; raw: LatencyFigures[] }
  >;
  const edits: LatencyFigures[] = [];
  // Warm-up, not counted: each pooled connection prepares its statements and V8 compiles the hot paths.
  await saturated(raw.base, CONNECTIONS, WARMUP, rawNext);
  await saturated(tend.base, CONNECTIONS, WARMUP, tendNext);
  await saturated(tend.base, CONNECTIONS, WARMUP / 2, editNext);
  // CPU (user + system) per answered push, of the server, the database and this process (the load
  // generator): less at the mercy of the load average than throughput. On two cores the three share the
  // machine, so saturated throughput follows the inverse of their sum.
  type CpuPerPush = { server: number; database: number; loadGenerator: number };
  const cpu = { tend: [] as CpuPerPush[], raw: [] as CpuPerPush[], edit: [] as CpuPerPush[] };
  const measured = async (server: ServerProcess, next: () => PushRequest, into: CpuPerPush[]) => {
    const before = { server: server.cpuMs(), database: databaseMs(), generator: generatorMs() };
    const figures = await saturated(server.base, CONNECTIONS, DURATION, next);
    const per = (ms: number) => ms / Math.max(1, figures.requests);
    into.push({
      server: per(server.cpuMs() - before.server),
      database: per(databaseMs() - before.database),
      loadGenerator: per(generatorMs() - before.generator),
    });
    return figures;
  };
  const databaseMs = () => (postmasterPid ? databaseCpuMs(postmasterPid) : 0);
  const generatorMs = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  const medianOf = (xs: CpuPerPush[], key: keyof CpuPerPush) =>
    Number(median(xs.map((x) => x[key])).toFixed(3));
  const cpuFigures = (key: keyof CpuPerPush) => ({
    tend: medianOf(cpu.tend, key),
    baseline: medianOf(cpu.raw, key),
  });
  const editCpu = (key: keyof CpuPerPush) => medianOf(cpu.edit, key);
  for (let i = 0; i < AB; i++) {
    runs.saturated.raw.push(await measured(raw, rawNext, cpu.raw));
    runs.saturated.tend.push(await measured(tend, tendNext, cpu.tend));
    edits.push(await measured(tend, editNext, cpu.edit));
    runs.paced.raw.push(await paced(raw.base, PACED_RATE, DURATION, rawNext));
    runs.paced.tend.push(await paced(tend.base, PACED_RATE, DURATION, tendNext));
  }
  const rps = (f: LatencyFigures[]) => median(f.map((x) => x.requestsPerSecond));
  const p95 = (f: LatencyFigures[]) => median(f.map((x) => x.p95Ms));
  return {
    saturatedThroughput: {
      connections: CONNECTIONS,
      tendRequestsPerSecond: rps(runs.saturated.tend),
      baselineRequestsPerSecond: rps(runs.saturated.raw),
      ratio: ratio(rps(runs.saturated.tend), rps(runs.saturated.raw)),
      target: '>= 0.7',
      serverCpuMsPerPush: cpuFigures('server'),
      /** The local PostgreSQL's processes (absent when the database is not on this machine). */
      databaseCpuMsPerPush: postmasterPid ? cpuFigures('database') : undefined,
      loadGeneratorCpuMsPerPush: cpuFigures('loadGenerator'),
      /** Tend's server CPU per push in each run, in order: falling from run to run is V8 still compiling. */
      serverCpuMsPerPushByRun: cpu.tend.map((c) => Number(c.server.toFixed(3))),
    },
    /**
     * The same saturated load editing existing tasks instead of creating them (a creation has nothing to
     * merge with and is written without a read; an edit reads the task first). Beside the target, not
     * part of it: the baseline is the same.
     */
    saturatedEdits: {
      tendRequestsPerSecond: rps(edits),
      ratio: ratio(rps(edits), rps(runs.saturated.raw)),
      serverCpuMsPerPush: editCpu('server'),
      databaseCpuMsPerPush: postmasterPid ? editCpu('database') : undefined,
      loadGeneratorCpuMsPerPush: editCpu('loadGenerator'),
    },
    pacedP95: {
      rate: PACED_RATE,
      tendP95Ms: p95(runs.paced.tend),
      baselineP95Ms: p95(runs.paced.raw),
      ratio: ratio(p95(runs.paced.tend), p95(runs.paced.raw)),
      target: '<= 1.5',
    },
    runs,
  };
}

async function idleRss(server: ServerProcess): Promise<number> {
  await new Promise((r) => setTimeout(r, 3000));
  return Math.round(server.rssMb());
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

/** The postmaster's pid when PostgreSQL runs on this machine (a backend's parent), else undefined. */
async function postmasterOf(sql: postgres.Sql): Promise<number | undefined> {
  const [{ pid }] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
  const parent = parentPid(pid);
  // A remote server's backend pid may name some unrelated local process.
  const local = parent > 1 && /postgres/.test(commandOf(parent));
  return local ? parent : undefined;
}

async function benchPostgres() {
  const name = `tend_bench_${randomUUID().slice(0, 8)}`;
  const admin = postgres(PG_ADMIN, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = PG_ADMIN.replace(/\/[^/]*$/, `/${name}`);
  const env = { DATABASE_URL: url, DB_POOL_MAX: String(POOL) };
  // Tend's server migrates the database; the baseline starts after it.
  const tend = await startServer(PORT, {
    ...env,
    ...SERVER_SECRETS,
  });
  const raw = await startServer(PORT + 1, env, 'raw');
  const direct = postgres(url, { max: CLIENTS, onnotice: () => {} });
  try {
    const idle = await idleRss(tend);
    const single = await singlePush(tend, raw, await postmasterOf(direct));
    const batch = await batchFigures(tend, (sql, params) => direct.unsafe(sql, params as never[]));
    return {
      database: 'postgres',
      pool: POOL,
      singlePush: single,
      batchPush: batch,
      serverRss: {
        idleMb: idle,
        maxUnderLoadMb: Math.round(tend.maxRssMb()),
        baselineServerMaxMb: Math.round(raw.maxRssMb()),
        targetMb: '<= 150',
      },
    };
  } finally {
    await tend.stop();
    await raw.stop();
    await direct.end();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function benchPglite() {
  const dir = mkdtempSync(join(tmpdir(), 'tend-bench-'));
  const tend = await startServer(PORT, {
    DATA_DIR: join(dir, 'server'),
    ...SERVER_SECRETS,
  });
  try {
    const idle = await idleRss(tend);
    const next = await tendPushes(CONNECTIONS);
    await saturated(tend.base, CONNECTIONS, 3, next);
    const single = {
      saturated: await saturated(tend.base, CONNECTIONS, DURATION, next),
      paced: await paced(tend.base, PACED_RATE, DURATION, next),
    };
    // The batch baseline runs on its own PGlite in this process (an embedded database has one owner).
    const pg = await PGlite.create(join(dir, 'baseline'));
    let batch;
    try {
      const db = fromPglite(pg);
      await migrate(db);
      batch = await batchFigures(tend, (sql, params) => db.query(sql, params));
    } finally {
      await pg.close();
    }
    return {
      database: 'pglite',
      singlePush: single,
      batchPush: batch,
      serverRss: {
        idleMb: idle,
        maxUnderLoadMb: Math.round(tend.maxRssMb()),
        targetMb: '<= 300',
      },
    };
  } finally {
    await tend.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const which = String(args.db ?? 'both');
const out: Record<string, unknown> = {
  date: new Date().toISOString(),
  node: process.version,
  loadAverageAtStart: loadAverage(),
};
if (args.scale) {
  out.scale = await benchScale({
    admin: PG_ADMIN,
    port: PORT + 2,
    seconds: DURATION,
    rate: PACED_RATE,
  });
} else {
  if (which === 'both' || which === 'postgres') {
    try {
      out.postgres = await benchPostgres();
    } catch (error) {
      out.postgres = { skipped: `PostgreSQL unavailable or failed: ${(error as Error).message}` };
    }
  }
  if (which === 'both' || which === 'pglite') {
    try {
      out.pglite = await benchPglite();
    } catch (error) {
      out.pglite = { failed: (error as Error).message };
    }
  }
}
out.loadAverageAtEnd = loadAverage();
console.log(JSON.stringify(out, null, 2));
