// The rollback decision as a pure function, and one observation of a real running server (the ops app from
// sync-server on PGlite, served over HTTP on a free port).
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../sync-server/db/types';
import { createTestApp, SECRETS } from '../../sync-server/ops/test-support/ops-test-app';
import { createPgliteDb } from '../../sync-server/ops/test-support/databases';
import { decideRollback, observe, readGauge, type Observation } from './deploy-check';
import { runSmokeTests } from './smoke';

const healthy: Observation = { healthOk: true, errorRate: 0.001, p95Ms: 120, memoryMb: 120 };

describe('rollback criteria', () => {
  it('keeps a healthy deployment', () => {
    expect(decideRollback([healthy, healthy])).toEqual({ rollback: false, reasons: [] });
  });

  it('rolls back on each of the criteria of the operations specification, just past its limit', () => {
    expect(decideRollback([{ ...healthy, errorRate: 0.02 }]).rollback).toBe(false);
    expect(decideRollback([{ ...healthy, errorRate: 0.021 }]).reasons).toEqual([
      'error rate 2.10% > 2%',
    ]);
    expect(decideRollback([{ ...healthy, p95Ms: 3001 }]).reasons).toEqual([
      'p95 3001 ms > 3000 ms',
    ]);
    expect(decideRollback([{ ...healthy, memoryMb: 301 }]).reasons).toEqual([
      'memory 301 MB > 300 MB',
    ]);
  });

  it('tolerates a health-check blip but not three failures in a row', () => {
    const down = { ...healthy, healthOk: false };
    expect(decideRollback([healthy, down, down, healthy]).rollback).toBe(false);
    expect(decideRollback([healthy, down, down, down]).reasons).toEqual([
      '3 failed health checks in a row',
    ]);
  });

  it('ignores missing metrics instead of guessing', () => {
    expect(
      decideRollback([{ healthOk: true, errorRate: null, p95Ms: null, memoryMb: null }]).rollback,
    ).toBe(false);
  });

  it('reads gauges from Prometheus text', () => {
    const text =
      '# HELP x\ntend_http_error_rate 0.5\ntend_http_response_time_ms{quantile="0.95"} 42\n';
    expect(readGauge(text, 'tend_http_error_rate')).toBe(0.5);
    expect(readGauge(text, 'tend_http_response_time_ms', 'quantile="0.95"')).toBe(42);
    expect(readGauge(text, 'missing')).toBeNull();
  });
});

describe('against a running server', () => {
  let db: Db;
  let server: ServerType;
  let base: string;
  beforeAll(async () => {
    db = await createPgliteDb();
    const { app } = await createTestApp(db);
    base = await new Promise<string>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
        resolve(`http://127.0.0.1:${info.port}`),
      );
    });
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await db.close();
  });

  it('observes health, latency, errors and memory over HTTP', async () => {
    const o = await observe(base, SECRETS.cronSecret);
    expect(o.healthOk).toBe(true);
    expect(o.errorRate).toBe(0);
    expect(o.p95Ms).not.toBeNull();
    expect(o.memoryMb).toBeGreaterThan(10);
    // This test process also holds PGlite and vitest, so its RSS may exceed the 300 MB criterion itself.
    expect(decideRollback([o]).reasons.filter((r) => !r.startsWith('memory'))).toEqual([]);
    const down = await observe('http://127.0.0.1:8842', SECRETS.cronSecret);
    expect(down.healthOk).toBe(false);
  });

  it('smoke-tests liveness and detailed health (the page needs a build, so only its check may fail)', async () => {
    const results = await runSmokeTests(base);
    expect(results.find((r) => r.name === 'liveness')?.ok).toBe(true);
    expect(results.find((r) => r.name === 'detailed health')?.ok).toBe(true);
  });
});
