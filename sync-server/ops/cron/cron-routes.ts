// The Vercel Cron targets: GET (what Vercel sends) or POST, only with Authorization: Bearer $CRON_SECRET.
// Each run claims its scheduled minute in shared state, so a second instance cannot run the same slot while
// it runs or after it succeeded.
import type { Hono } from 'hono';
import { CRON_JOBS } from './cron-jobs';
import type { OpsRuntime } from '../runtime';
import { requireCronSecret } from '../../middleware/require-permission';
import type { AppEnv } from '../../context';

function scheduledMinute(ms: number): Date {
  return new Date(Math.floor(ms / 60_000) * 60_000);
}

export function installCronRoutes(app: Hono<AppEnv>, ops: OpsRuntime) {
  const { ctx } = ops;
  for (const job of CRON_JOBS) {
    app.on(['GET', 'POST'], job.path, requireCronSecret(ctx), async (c) => {
      // `/api/cron/backup?kind=incremental` is the older spelling of `/api/cron/backup-incremental`.
      const jobName =
        job.name === 'backup' && c.req.query('kind') === 'incremental'
          ? 'backup-incremental'
          : job.name;
      const slot = scheduledMinute(ctx.now());
      const started = performance.now();
      if (!(await ops.cron.claim(jobName, slot))) {
        return c.json(
          { job: jobName, skipped: true, reason: 'already ran or running for this minute' },
          409,
        );
      }
      try {
        const { ok, report } = await ops.runJob(jobName);
        await ops.cron.finish(jobName, slot, ok, report);
        ctx.logger.info({ job: jobName, ok }, 'cron job finished');
        return c.json(
          { job: jobName, ok, durationMs: Math.round(performance.now() - started), report },
          ok ? 200 : 500,
        );
      } catch (error) {
        await ops.cron.finish(jobName, slot, false, { error: String(error) });
        throw error;
      }
    });
  }
}
