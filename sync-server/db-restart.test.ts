// Fault test: the test's own PostgreSQL is stopped (fast shutdown) for three seconds under a steady push load
// and started again, while the real server process keeps serving. The process must survive, answer pushes
// during the outage with 503 and Retry-After (never 500), keep every request within the database timeout,
// say the database is down on /health/detailed within two seconds, be back to full throughput within three
// seconds of the database accepting connections, and lose no acknowledged mutation.
import { loadavg } from 'node:os';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mutation } from '../src/core/merge';
import { createMutationFor } from './test/fixtures';
import { createTestUser, type TestUser } from './test/harness';
import {
  createClusterDatabase,
  pgClusterAvailable,
  startPgCluster,
  type PgCluster,
} from './test/pg-cluster';
import { startServerProcess, type ServerProcess } from './test/server-process';

const PG_PORT = 5441;
const SERVER_PORT = 9311;
const DB_TIMEOUT_MS = 5000;
const WRITERS = 6;
const OUTAGE_MS = 3000;

interface Sample {
  start: number;
  end: number;
  status: number;
  retryAfter: string | null;
  code: string | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!pgClusterAvailable())('fault: PostgreSQL restart under push load', () => {
  let cluster: PgCluster;
  let url: string;
  let server: ServerProcess;

  beforeAll(async () => {
    cluster = await startPgCluster(PG_PORT);
    url = await createClusterDatabase(cluster, 'tend_restart');
    server = await startServerProcess(SERVER_PORT, {
      DATABASE_URL: url,
      DB_TIMEOUT_MS: String(DB_TIMEOUT_MS),
    });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await cluster?.destroy();
  });

  async function push(user: TestUser, batch: Mutation[]): Promise<Sample> {
    const start = performance.now();
    try {
      const res = await fetch(`${server.base}/api/sync/push`, {
        method: 'POST',
        headers: user.headers,
        body: JSON.stringify({ clientId: 'restart-test', mutations: batch }),
      });
      const body = (await res.json().catch(() => null)) as {
        applied?: string[];
        error?: { code: string };
      } | null;
      const acknowledged = res.status === 200 && body?.applied?.length === batch.length;
      return {
        start,
        end: performance.now(),
        status: acknowledged ? 200 : res.status === 200 ? -1 : res.status,
        retryAfter: res.headers.get('retry-after'),
        code: body?.error?.code ?? null,
      };
    } catch {
      return { start, end: performance.now(), status: 0, retryAfter: null, code: 'network' };
    }
  }

  it('survives, answers 503 + Retry-After, recovers within 3 s and loses nothing', async () => {
    const users = await Promise.all(Array.from({ length: WRITERS }, () => createTestUser()));
    const samples: Sample[] = [];
    const acknowledged: Mutation[] = [];
    let running = true;
    const writers = users.map(async (user, w) => {
      for (let i = 0; running; i++) {
        const batch = Array.from({ length: 5 }, (_, j) => createMutationFor(`w${w}-b${i}-m${j}`));
        const sample = await push(user, batch);
        samples.push(sample);
        if (sample.status === 200) acknowledged.push(...batch);
        else await sleep(100); // a client backs off (it would honour Retry-After)
      }
    });

    await sleep(2500);
    const stoppedAt = performance.now();
    await cluster.stop();
    const stopTook = performance.now() - stoppedAt;

    await sleep(1000);
    const healthStart = performance.now();
    const health = await fetch(`${server.base}/health/detailed`).catch(() => null);
    const healthMs = performance.now() - healthStart;
    const healthBody = (await health?.json()) as
      { checks: { database: { status: string } } } | undefined;

    await sleep(Math.max(0, OUTAGE_MS - (performance.now() - stoppedAt)));
    await cluster.start();
    const backAt = performance.now();
    await sleep(6000);
    running = false;
    await Promise.all(writers);

    const rate = (from: number, to: number) =>
      samples.filter((s) => s.status === 200 && s.end >= from && s.end < to).length /
      ((to - from) / 1000);
    const baseline = rate(stoppedAt - 2000, stoppedAt);
    const recovered = rate(backAt + 3000, backAt + 6000);
    const firstOkAfter = samples
      .filter((s) => s.status === 200 && s.start >= backAt)
      .reduce((min, s) => Math.min(min, s.end - backAt), Infinity);
    const failures = samples.filter((s) => s.status !== 200);
    const slowest = Math.max(...samples.map((s) => s.end - s.start));
    console.log(
      JSON.stringify({
        test: 'postgres-restart',
        loadavg: loadavg().map((l) => Math.round(l * 100) / 100),
        pushes: samples.length,
        stopTookMs: Math.round(stopTook),
        healthDuringOutage: { status: health?.status, ms: Math.round(healthMs) },
        failuresByStatus: Object.fromEntries(
          [...new Set(failures.map((f) => `${f.status}:${f.code}`))].map((k) => [
            k,
            failures.filter((f) => `${f.status}:${f.code}` === k).length,
          ]),
        ),
        slowestRequestMs: Math.round(slowest),
        baselinePushesPerSecond: Math.round(baseline),
        pushesPerSecondFrom3sAfterRestart: Math.round(recovered),
        firstSuccessAfterRestartMs: Math.round(firstOkAfter),
      }),
    );

    expect(server.child.exitCode, server.stderr()).toBeNull();
    expect(server.stderr()).not.toMatch(/Cannot read properties of null/);
    // Every failed push is a clear 503 the client may retry, never a 500, a hang or a reset.
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) {
      expect(failure.status).toBe(503);
      expect(Number(failure.retryAfter)).toBeGreaterThan(0);
    }
    expect(slowest).toBeLessThanOrEqual(DB_TIMEOUT_MS + 1000);
    expect(health?.status).toBe(503);
    expect(healthBody?.checks.database.status).toBe('unhealthy');
    expect(healthMs).toBeLessThan(2000);
    // Within three seconds of the database accepting connections, nothing fails and the rate is back.
    expect(failures.filter((f) => f.start >= backAt + 3000)).toEqual([]);
    expect(recovered).toBeGreaterThanOrEqual(baseline * 0.5);

    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const ids = acknowledged.map((m) => m.taskId);
      const found = await sql<{ n: number }[]>`
        select count(*)::int as n from public.tasks where id = any(${ids}::uuid[])`;
      expect(found[0].n).toBe(ids.length);
    } finally {
      await sql.end({ timeout: 1 });
    }
  }, 120_000);
});
