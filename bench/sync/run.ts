// `npm run bench:sync`: push throughput (20 clients x 500-mutation batches) as a ratio to a raw multi-row
// INSERT ... ON CONFLICT of the same rows through the driver in the same run, single-mutation push latency
// with 100 concurrent clients (autocannon), and the server's peak RSS, on PostgreSQL and on PGlite.
// Options: --db=postgres|pglite (default both), --rounds=N (batches per client), --duration=S (latency),
// --rate=N (paced latency run); BENCH_NODE_FLAGS='--max-old-space-size=96' passes flags to the server.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { SignJWT } from 'jose';
import postgres from 'postgres';
import { PGlite } from '@electric-sql/pglite';
import { formatHlc } from '../../src/core/hlc';
import { applyMutation, createMutation } from '../../src/core/merge';
import type { Mutation } from '../../src/core/merge';
import { createTask } from '../../src/core/task';
import { migrate } from '../../sync-server/db/migrate';
import { fromPglite } from '../../sync-server/db/pglite';
import { RECORDSET_COLUMNS, TASK_COLUMNS, recordToRow } from '../../sync-server/sync/records';
import { startServer } from './server-process';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? 'true'];
  }),
);
const CLIENTS = 20;
const BATCH = 500;
const ROUNDS = Number(args.rounds ?? 3);
const LATENCY_CLIENTS = 100;
const DURATION = Number(args.duration ?? 10);
/** 100 clients pushing once a second each: a busy but realistic load, measured open-loop. */
const PACED_RATE = Number(args.rate ?? 100);
const SECRET = 'bench-jwt-secret-0123456789-0123456789';
const PG_ADMIN = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PORT = 8824;
const T0 = Date.parse('2026-11-26T09:00:00.000Z');
let seq = 0;

function mutation(): Mutation {
  const hlc = formatHlc({ millis: T0 + seq++, counter: 0, node: '0123456789ABCDEF' });
  const task = createTask(
    { title: `Task ${seq}`, notes: 'bench', labels: ['a', 'b'] },
    { id: randomUUID(), now: hlc.slice(0, 24) },
  );
  return createMutation(task, hlc, randomUUID());
}

async function token(sub: string): Promise<string> {
  return new SignJWT({ role: 'authenticated' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setAudience('authenticated')
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(SECRET));
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Baseline: the same rows, one multi-row INSERT ... ON CONFLICT per batch, straight through the driver. */
async function baseline(
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
  return (CLIENTS * ROUNDS * BATCH) / seconds;
}

async function pushThroughput(base: string, batches: Mutation[][]) {
  const tokens = await Promise.all(Array.from({ length: CLIENTS }, () => token(randomUUID())));
  const start = performance.now();
  let failed = 0;
  await Promise.all(
    tokens.map(async (t, c) => {
      for (let r = 0; r < ROUNDS; r++) {
        const res = await fetch(`${base}/api/sync/push`, {
          method: 'POST',
          headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' },
          body: JSON.stringify({ clientId: `bench-${c}`, mutations: batches[c * ROUNDS + r] }),
        });
        const body = (await res.json()) as { applied?: string[] };
        if (res.status !== 200 || body.applied?.length !== BATCH) failed += 1;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  return { perSecond: (CLIENTS * ROUNDS * BATCH) / seconds, failedBatches: failed };
}

async function latency(base: string, overallRate?: number) {
  const tokens = await Promise.all(
    Array.from({ length: LATENCY_CLIENTS }, () => token(randomUUID())),
  );
  const times: number[] = [];
  let errors = 0;
  const statuses: Record<string, number> = {};
  const instance = autocannon({
    url: `${base}/api/sync/push`,
    connections: LATENCY_CLIENTS,
    duration: DURATION,
    ...(overallRate ? { overallRate } : {}),
    requests: [
      {
        method: 'POST',
        setupRequest: (req: Record<string, unknown>) => ({
          ...req,
          headers: {
            authorization: `Bearer ${tokens[Math.floor(Math.random() * tokens.length)]}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ clientId: 'lat', mutations: [mutation()] }),
        }),
      },
    ],
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status !== 200) errors += 1;
    statuses[status] = (statuses[status] ?? 0) + 1;
    times.push(ms);
  });
  const result = await instance;
  times.sort((a, b) => a - b);
  return {
    connections: LATENCY_CLIENTS,
    mode: overallRate
      ? `paced: ${overallRate} req/s across all clients`
      : 'saturated: each client sends as soon as answered',
    requests: times.length,
    errors: errors + result.errors,
    timeouts: result.timeouts,
    statuses,
    p50Ms: Number(percentile(times, 50).toFixed(2)),
    p95Ms: Number(percentile(times, 95).toFixed(2)),
    p99Ms: Number(percentile(times, 99).toFixed(2)),
    requestsPerSecond: Math.round(result.requests.average),
    targetP95Ms: 25,
  };
}

/**
 * 100 devices as they really behave: each pushes one change, waits for the answer, then pauses
 * 0.5-1.5 s (about one push a second per device, arrivals spread out rather than in autocannon's
 * once-a-second bursts). Bounded by DURATION; loopback only.
 */
async function steadyLatency(base: string) {
  const tokens = await Promise.all(
    Array.from({ length: LATENCY_CLIENTS }, () => token(randomUUID())),
  );
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const started = performance.now();
  const end = started + DURATION * 1000;
  await Promise.all(
    tokens.map(async (t) => {
      await sleep(Math.random() * 1000);
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          const res = await fetch(`${base}/api/sync/push`, {
            method: 'POST',
            headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' },
            body: JSON.stringify({ clientId: 'steady', mutations: [mutation()] }),
          });
          await res.arrayBuffer();
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if (res.status !== 200) errors += 1;
        } catch {
          errors += 1;
        }
        times.push(performance.now() - t0);
        await sleep(500 + Math.random() * 1000);
      }
    }),
  );
  times.sort((a, b) => a - b);
  return {
    connections: LATENCY_CLIENTS,
    mode: 'steady: each client pushes, then pauses 0.5-1.5 s (spread arrivals)',
    requests: times.length,
    errors,
    timeouts: 0,
    statuses,
    p50Ms: Number(percentile(times, 50).toFixed(2)),
    p95Ms: Number(percentile(times, 95).toFixed(2)),
    p99Ms: Number(percentile(times, 99).toFixed(2)),
    requestsPerSecond: Math.round(times.length / ((performance.now() - started) / 1000)),
    targetP95Ms: 25,
  };
}

async function benchPostgres() {
  const name = `tend_bench_${randomUUID().slice(0, 8)}`;
  const admin = postgres(PG_ADMIN, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = PG_ADMIN.replace(/\/[^/]*$/, `/${name}`);
  const server = await startServer(PORT, {
    DATABASE_URL: url,
    // As many connections as the baseline's 20 concurrent clients get.
    DB_POOL_MAX: String(CLIENTS),
    JWT_SECRET: SECRET,
    ENCRYPTION_KEY: 'b',
    CRON_SECRET: 'b',
  });
  const direct = postgres(url, { max: CLIENTS, onnotice: () => {} });
  try {
    const batches = Array.from({ length: CLIENTS * ROUNDS }, () =>
      Array.from({ length: BATCH }, mutation),
    );
    const raw = await baseline((sql, params) => direct.unsafe(sql, params as never[]), batches);
    const push = await pushThroughput(server.base, batches);
    const lat = [
      await steadyLatency(server.base),
      await latency(server.base, PACED_RATE),
      await latency(server.base),
    ];
    return report(push, raw, lat, server.maxRssMb());
  } finally {
    await server.stop();
    await direct.end();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function benchPglite() {
  const dir = mkdtempSync(join(tmpdir(), 'tend-bench-'));
  const server = await startServer(PORT, {
    DATA_DIR: join(dir, 'server'),
    JWT_SECRET: SECRET,
    ENCRYPTION_KEY: 'b',
    CRON_SECRET: 'b',
  });
  const pg = await PGlite.create(join(dir, 'baseline'));
  try {
    const db = fromPglite(pg);
    await migrate(db);
    const batches = Array.from({ length: CLIENTS * ROUNDS }, () =>
      Array.from({ length: BATCH }, mutation),
    );
    const raw = await baseline((sql, params) => db.query(sql, params), batches);
    const push = await pushThroughput(server.base, batches);
    const lat = [
      await steadyLatency(server.base),
      await latency(server.base, PACED_RATE),
      await latency(server.base),
    ];
    return report(push, raw, lat, server.maxRssMb());
  } finally {
    await server.stop();
    await pg.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(
  push: { perSecond: number; failedBatches: number },
  raw: number,
  lat: Awaited<ReturnType<typeof latency>>[],
  rss: number,
) {
  return {
    pushThroughput: {
      clients: CLIENTS,
      batchSize: BATCH,
      batchesPerClient: ROUNDS,
      mutationsPerSecond: Math.round(push.perSecond),
      baselineRowsPerSecond: Math.round(raw),
      ratio: Number((push.perSecond / raw).toFixed(3)),
      target: 0.5,
      failedBatches: push.failedBatches,
    },
    singlePushLatency: lat,
    serverRss: { maxMb: Math.round(rss), targetMb: 150 },
  };
}

const which = String(args.db ?? 'both');
const out: Record<string, unknown> = { date: new Date().toISOString(), node: process.version };
if (which === 'both' || which === 'postgres') {
  try {
    out.postgres = await benchPostgres();
  } catch (error) {
    out.postgres = { skipped: `PostgreSQL unavailable or failed: ${(error as Error).message}` };
  }
}
if (which === 'both' || which === 'pglite') out.pglite = await benchPglite();
console.log(JSON.stringify(out, null, 2));
