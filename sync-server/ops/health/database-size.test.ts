// The Storage Warning on PostgreSQL reads the database's size (a real database on 127.0.0.1:5432), not the
// app host's disk; on PGlite the data directory's disk stays the measure, and its write probe.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../db/pglite';
import type { Db } from '../../db/types';
import { createTestServer, pgReachable, type TestServer } from '../../test/harness';
import { SECRETS, createTestApp } from '../test-support/ops-test-app';
import { evaluateAlerts } from '../alerts/evaluate';
import { ALERT_RULES } from '../alerts/rules';
import { createOpsRuntime } from '../runtime';

const hasPg = await pgReachable();
let server: TestServer;
beforeAll(async () => {
  if (hasPg) server = await createTestServer('postgres', 'database_size');
});
afterAll(() => server?.close());

describe.skipIf(!hasPg)('storage on PostgreSQL', () => {
  it('is pg_database_size against DATABASE_SIZE_LIMIT_MB, and fires the Storage Warning past 80%', async () => {
    const [{ bytes }] = await server.db.query<{ bytes: string }>(
      'select pg_database_size(current_database())::text as bytes',
    );
    const size = Number(bytes);
    // A limit just above the database's size: 90% used, whatever the app host's disk says.
    const limitMb = size / 0.9 / 1024 / 1024;
    const ops = createOpsRuntime(server.ctx, { DATABASE_SIZE_LIMIT_MB: String(limitMb) });
    const { storage } = await ops.snapshot();
    expect(storage.source).toBe('database');
    expect(storage.path).toBeNull();
    expect(storage.database_bytes).toBeGreaterThanOrEqual(size * 0.95);
    expect(storage.used_ratio).toBeGreaterThan(0.85);
    const fired = evaluateAlerts(ALERT_RULES, await ops.snapshot()).filter((e) => e.firing);
    expect(fired.map((e) => e.id)).toContain('storage_warning');

    const roomy = createOpsRuntime(server.ctx, { DATABASE_SIZE_LIMIT_MB: String(limitMb * 100) });
    expect((await roomy.snapshot()).storage.used_ratio).toBeLessThan(0.02);
  });

  it('is reported by /health/detailed as the database source', async () => {
    const t = await createTestApp(server.db);
    // The full check (with sizes) is for staff and the cron secret; others get statuses only.
    const res = await t.app.request('/health/detailed', {
      headers: { authorization: `Bearer ${SECRETS.cronSecret}` },
    });
    const body = (await res.json()) as { checks: { storage: Record<string, unknown> } };
    expect(body.checks.storage.source).toBe('database');
    expect(body.checks.storage.databaseBytes).toEqual(expect.any(Number));
  });
});

describe('storage on PGlite', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tend-storage-pglite-'));
  let readOnly = false;
  let db: Db;
  beforeAll(async () => {
    // The write probe meets the file system's answer of a volume that turned read-only.
    const probe = (dir: string) => {
      if (readOnly)
        throw Object.assign(new Error(`EROFS: read-only file system, ${dir}`), { code: 'EROFS' });
    };
    db = await openPglite(dataDir, 5000, { probe, intervalMs: 20, healthyIntervalMs: 20 });
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is unhealthy in /health/detailed while the data directory is read-only, whatever its free space', async () => {
    const t = await createTestApp(db);
    const detailed = async () => {
      const res = await t.app.request('/health/detailed', {
        headers: { authorization: `Bearer ${SECRETS.cronSecret}` },
      });
      return (await res.json()) as { checks: Record<string, Record<string, unknown>> };
    };
    expect((await detailed()).checks.storage).toMatchObject({ status: 'healthy', source: 'disk' });

    readOnly = true;
    await new Promise((r) => setTimeout(r, 100));
    const { checks } = await detailed();
    expect(checks.storage).toMatchObject({
      status: 'unhealthy',
      source: 'disk',
      message: 'data directory refuses writes (EROFS)',
    });
    expect(checks.storage.usedRatio).toBeLessThan(0.95);
    expect(checks.database).toMatchObject({ status: 'unhealthy' });

    readOnly = false;
    await new Promise((r) => setTimeout(r, 100));
    expect((await detailed()).checks.storage).toMatchObject({ status: 'healthy' });
  });
});
