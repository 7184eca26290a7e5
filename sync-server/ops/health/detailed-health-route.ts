// GET /health/detailed: the operations specification's four checks; 200 when all are healthy, 503 (status
// "degraded") otherwise. Anyone may ask whether the server is up; only staff or the cron secret see the
// details (latencies, paths, sizes, versions), which would otherwise map the deployment for an attacker.
import type { Hono } from 'hono';
import { checkDatabase, checkExternalApis, checkRedis } from './checks';
import { checkDataStorage } from './database-size';
import type { OpsRuntime } from '../runtime';
import type { AppEnv } from '../../context';
import { hasStaffOrCronCredentials } from '../../middleware/require-permission';

export function installHealthRoutes(
  app: Hono<AppEnv>,
  ops: OpsRuntime,
  fetchImpl: typeof fetch = fetch,
) {
  app.get('/health/detailed', async (c) => {
    const { ctx, settings } = ops;
    const [database, redis, storage, api] = await Promise.all([
      checkDatabase(ctx.db),
      checkRedis(settings.redisUrl),
      checkDataStorage(ctx.db, {
        paths: [ctx.config.dataDir, settings.backupDir],
        databaseLimitBytes: settings.databaseSizeLimitBytes,
      }),
      checkExternalApis(ctx.config.supabaseUrl, ctx.config.supabaseAnonKey, fetchImpl),
    ]);
    const checks = { database, redis, storage, api };
    const allHealthy = Object.values(checks).every((check) => check.status === 'healthy');
    c.header('Cache-Control', 'no-store');
    if (!(await hasStaffOrCronCredentials(ctx, c.req.header('authorization')))) {
      const statuses = Object.fromEntries(
        Object.entries(checks).map(([name, check]) => [name, { status: check.status }]),
      );
      return c.json(
        { status: allHealthy ? 'healthy' : 'degraded', checks: statuses },
        allHealthy ? 200 : 503,
      );
    }
    return c.json(
      {
        status: allHealthy ? 'healthy' : 'degraded',
        checks,
        // The deploy check's memory criterion reads this.
        memory: { rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024) },
        version: ctx.config.appVersion,
        timestamp: new Date(ctx.now()).toISOString(),
      },
      allHealthy ? 200 : 503,
    );
  });
}
