// The Storage Warning on PostgreSQL reads the database's size (a real database on 127.0.0.1:5432), not the
// app host's disk; on PGlite the data directory's disk stays the measure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
