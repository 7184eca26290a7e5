// Operations for the sync server: request ids and timing, /health/detailed, metrics and alerts, cron routes and
// the self-hosted scheduler, backups and restores, and the staff admin API. The hosts (main.ts, vercel.ts)
// hand installOps to createApp, which runs it before its own API routes, so timing covers them.
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../context';
import { createScheduler, SELF_HOSTED_SCHEDULES, type Scheduler } from './cron/scheduler';
import type { Env } from '../config';
import { installAdminRoutes } from './admin';
import { installCronRoutes } from './cron/cron-routes';
import { installDashboardRoute } from './metrics/dashboard-route';
import { installHealthRoutes } from './health/detailed-health-route';
import { installMetricsRoutes } from './metrics/metrics-routes';
import { observeRequests } from '../middleware/request-observer';
import { registerOperations } from '../openapi/registry';
import { OPS_OPERATIONS } from './openapi-operations';
import { createOpsRuntime, type OpsRuntime } from './runtime';

interface InstallOpsOptions {
  env?: Env;
  fetchImpl?: typeof fetch;
}

export interface InstalledOps {
  runtime: OpsRuntime;
  scheduler: Scheduler | null;
}

const installed = new WeakMap<object, InstalledOps>();

/** The ops runtime of an app, for tests and the admin CLI. */
export function opsOf(app: object): InstalledOps | undefined {
  return installed.get(app);
}

export function installOps(
  app: Hono<AppEnv>,
  ctx: AppContext,
  options: InstallOpsOptions = {},
): void {
  const { env = process.env, fetchImpl = fetch } = options;
  const runtime = createOpsRuntime(ctx, env, fetchImpl);
  app.use('*', observeRequests(ctx, runtime.requests));
  installHealthRoutes(app, runtime, fetchImpl);
  installMetricsRoutes(app, runtime);
  installCronRoutes(app, runtime);
  installAdminRoutes(app, runtime);
  installDashboardRoute(app);
  registerOperations(app, OPS_OPERATIONS);

  let scheduler: Scheduler | null = null;
  if (runtime.settings.scheduler) {
    scheduler = createScheduler({
      jobs: SELF_HOSTED_SCHEDULES.map((s) => ({
        name: s.name,
        schedule: s.schedule,
        run: () => runtime.runJob(s.name),
      })),
      claim: (job, slot) => runtime.cron.claim(job, slot),
      finish: (job, slot, ok, report) => runtime.cron.finish(job, slot, ok, report),
      renew: (job, slot) => runtime.cron.renew(job, slot),
      retryable: (since) => runtime.cron.retryable(since),
      onError: (job, error) => ctx.logger.error({ job, err: error }, 'scheduled job failed'),
      now: ctx.now,
    });
    scheduler.start();
    // Every instance evaluates the alert rules; the shared alert states let one of them notify.
    const evaluation = setInterval(() => {
      runtime
        .checkAlerts()
        .catch((error: unknown) =>
          ctx.logger.warn({ err: String(error) }, 'alert evaluation failed'),
        );
    }, runtime.settings.alertEvaluationMs);
    evaluation.unref();
  }
  installed.set(app, { runtime, scheduler });
}
