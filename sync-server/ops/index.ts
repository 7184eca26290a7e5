// Operations for the sync server: request ids and timing, /health/detailed, metrics and alerts, cron routes and
// the self-hosted scheduler, backups and restores, and the staff admin API. The server calls installOps from
// createApp (through extensions.ts) before its own API routes, so timing covers them.
import type { Hono } from 'hono';
import type { AppContext } from '../context';
import type { AppEnv } from '../http/env';
import { claimRun, finishRun } from './cron/lock';
import { createScheduler, SELF_HOSTED_SCHEDULES, type Scheduler } from './cron/scheduler';
import type { Env } from '../config';
import { installAdminRoutes } from './routes/admin';
import { installCronRoutes } from './routes/cron';
import { installDashboardRoute } from './routes/dashboard';
import { installHealthRoutes } from './routes/health';
import { installMetricsRoutes } from './routes/metrics';
import { observeRequests } from './routes/observe';
import { createOpsRuntime, type OpsRuntime } from './runtime';

export interface InstallOpsOptions {
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

export function installOps(app: Hono, ctx: AppContext, options: InstallOpsOptions = {}): void {
  const { env = process.env, fetchImpl = fetch } = options;
  const typed = app as unknown as Hono<AppEnv>;
  const runtime = createOpsRuntime(ctx, env, fetchImpl);
  typed.use('*', observeRequests(ctx, runtime.requests));
  installHealthRoutes(typed, runtime, fetchImpl);
  installMetricsRoutes(typed, runtime);
  installCronRoutes(typed, runtime);
  installAdminRoutes(typed, runtime);
  installDashboardRoute(typed);

  let scheduler: Scheduler | null = null;
  if (runtime.settings.scheduler) {
    const holder = `pid:${process.pid}`;
    scheduler = createScheduler({
      jobs: SELF_HOSTED_SCHEDULES.map((s) => ({
        name: s.name,
        schedule: s.schedule,
        run: () =>
          s.name === 'backup-incremental'
            ? runtime.runJob('backup', { kind: 'incremental' })
            : runtime.runJob(s.name as 'daily-cleanup' | 'sync-check' | 'backup'),
      })),
      claim: (job, slot) => claimRun(ctx.db, job, slot, holder),
      finish: (job, slot, ok, report) => finishRun(ctx.db, job, slot, ok, report),
      onError: (job, error) => ctx.logger.error({ job, err: error }, 'scheduled job failed'),
      now: ctx.now,
    });
    scheduler.start();
  }
  installed.set(app, { runtime, scheduler });
}
