// Everything operations needs, built once from the app context: request windows, AI telemetry, alert states,
// job progress and cron slots in state shared by every instance (PostgreSQL, or Redis when REDIS_URL is
// set), the CPU sampler of this process, and the jobs themselves (shared by the cron routes, the in-process
// scheduler and the admin endpoints, so each job has one implementation).
import { ENV_NAMES, SECRET_ENV_NAMES, type Env } from '../config';
import type { AppContext } from '../context';
import { createAiTelemetryTotals, type AiTelemetryTotals } from '../state/ai-telemetry';
import { createAlertStates } from '../state/alert-states';
import { openStateBackend, type StateBackend } from '../state/backend';
import { createCronSlots, type CronSlots } from '../state/cron-slots';
import { createJobRegistry, type JobRegistry } from '../state/jobs';
import { createRequestWindows, type RequestWindows } from '../state/request-windows';
import { createAlertManager, type AlertManager } from './alerts/manager';
import { evaluateAlerts } from './alerts/evaluate';
import { routeChannels } from './alerts/channels';
import { ALERT_RULES } from './alerts/rules';
import { runBackup, backupSystemConfig } from './backup/run-backup';
import type { OnProgress } from './backup/progress';
import { applyOffsiteRetention, uploadBackup } from './backup/offsite';
import { s3TargetFromEnv } from './backup/s3';
import type { BackupManifest } from './backup/store';
import { runDailyCleanup } from './cron/daily-cleanup';
import { sendDueReminders } from '../push/send-reminders';
import { checkSync } from './cron/sync-check';
import { certHosts, runCertCheck } from './cert/cert-check-job';
import type { CronJobName } from './cron/cron-jobs';
import { readOpsSettings, type OpsSettings } from './settings';
import { checkDataStorage } from './health/database-size';
import { createCpuSampler, type CpuSampler } from './metrics/cpu';
import { buildSnapshot, type MetricsSnapshot } from './metrics/snapshot';
import { readDbMetrics } from './metrics/db-metrics';

export interface OpsRuntime {
  ctx: AppContext;
  env: Env;
  settings: OpsSettings;
  /** Names this process in shared state and in its Prometheus labels. */
  instanceId: string;
  state: StateBackend;
  requests: RequestWindows;
  ai: AiTelemetryTotals;
  cpu: CpuSampler;
  alerts: AlertManager;
  jobs: JobRegistry;
  cron: CronSlots;
  /** The dashboard's numbers across every instance. */
  snapshot(): Promise<MetricsSnapshot>;
  /** The same with this instance's own request numbers, for Prometheus (which sums instances itself). */
  instanceSnapshot(): Promise<MetricsSnapshot>;
  /** Evaluates the alert rules on the shared numbers and sends what this instance won. */
  checkAlerts(): Promise<{ firing: string[]; notified: number }>;
  /** Writes what the shared counters hold in memory (at shutdown). */
  flush(): Promise<void>;
  /** Runs a job; `backup` takes a kind (the admin endpoint's choice), `backup-incremental` is its hourly form. */
  runJob(
    name: CronJobName,
    options?: { onProgress?: OnProgress; kind?: 'full' | 'incremental' },
  ): Promise<{ ok: boolean; report: unknown }>;
}

export function createOpsRuntime(
  ctx: AppContext,
  env: Env = process.env,
  fetchImpl: typeof fetch = fetch,
): OpsRuntime {
  const settings = readOpsSettings(env, ctx.config);
  // The app's own shared state unless this runtime was handed another Redis (tests do).
  const state =
    settings.redisUrl === ctx.config.redisUrl
      ? ctx.state
      : openStateBackend({
          db: ctx.db,
          redisUrl: settings.redisUrl,
          now: ctx.now,
          onRedisError: (error) => ctx.logger.warn({ err: error.message }, 'redis error'),
        });
  // A flush fails while the store is down; the totals stay in memory and go out with the next one.
  const onFlushError = (error: unknown) =>
    ctx.logger.debug({ err: String(error) }, 'shared counters not flushed');
  const requests = createRequestWindows(state, {
    windowMs: settings.metricsWindowMs,
    onFlushError,
  });
  const ai = createAiTelemetryTotals(state, { onFlushError });
  const cpu = createCpuSampler();
  const alerts = createAlertManager({
    rules: ALERT_RULES,
    routing: routeChannels(
      {
        ALERT_WEBHOOK_URL: settings.alertWebhookUrl,
        SLACK_WEBHOOK_URL: settings.slackWebhookUrl,
        ALERT_EMAIL_WEBHOOK_URL: settings.alertEmailWebhookUrl,
      },
      ctx.logger,
      fetchImpl,
    ),
    log: ctx.logger,
    states: createAlertStates(state),
    now: ctx.now,
    environment: settings.environment,
  });
  const jobs = createJobRegistry(state, {
    newId: ctx.newId,
    onSaveError: (error) => ctx.logger.warn({ err: String(error) }, 'job progress not saved'),
  });
  const cron = createCronSlots(state);

  async function snapshot(scope: 'cluster' | 'instance' = 'cluster'): Promise<MetricsSnapshot> {
    const now = ctx.now();
    const storage = await checkDataStorage(ctx.db, {
      paths: [ctx.config.dataDir, settings.backupDir].filter(Boolean),
      databaseLimitBytes: settings.databaseSizeLimitBytes,
    });
    const memory = process.memoryUsage();
    return buildSnapshot({
      now,
      requests: scope === 'cluster' ? await requests.stats(now) : requests.instanceStats(now),
      db: await readDbMetrics(ctx.db, new Date(now)),
      ai: await ai.stats(now),
      cpuUsage: cpu.sample(),
      uptimeSeconds: Math.round((now - ctx.startedAt) / 1000),
      memory: { rss: memory.rss, heapUsed: memory.heapUsed },
      storage: {
        used_ratio: typeof storage.usedRatio === 'number' ? storage.usedRatio : null,
        source: ctx.db.kind === 'postgres' ? 'database' : 'disk',
        path: ctx.db.kind === 'postgres' ? null : ctx.config.dataDir,
        database_bytes: typeof storage.databaseBytes === 'number' ? storage.databaseBytes : null,
      },
    });
  }

  async function checkAlerts() {
    const evaluated = evaluateAlerts(ALERT_RULES, await snapshot());
    const notified = await alerts.process(evaluated);
    return {
      firing: evaluated.filter((a) => a.firing).map((a) => a.id),
      notified: notified.length,
    };
  }

  /** Copies a finished backup and its manifest to the S3-compatible bucket when BACKUP_S3_* are set,
   * then applies the retention policy there too. */
  async function copyOffsite(
    manifest: BackupManifest | null,
  ): Promise<{ uploaded: string[]; pruned: string[]; error?: string }> {
    const target = s3TargetFromEnv(env);
    if (!target || !manifest) return { uploaded: [], pruned: [] };
    try {
      const uploaded = await uploadBackup(target, settings.backupDir, manifest, fetchImpl);
      const pruned = await applyOffsiteRetention(target, new Date(ctx.now()), fetchImpl);
      return { uploaded, pruned };
    } catch (error) {
      ctx.logger.error({ err: String(error), file: manifest.file }, 'off-site backup copy failed');
      return { uploaded: [], pruned: [], error: String(error) };
    }
  }

  /** On Vercel the function's filesystem is thrown away, so a production backup without the bucket
   * is not a backup: the job fails (error log, critical alert, 500 from the cron route). */
  async function refuseWithoutDurableDestination(): Promise<string | null> {
    if (!(ctx.config.production && ctx.config.vercel.env) || s3TargetFromEnv(env)) return null;
    const reason =
      'no durable backup destination: set BACKUP_S3_* (the function filesystem on Vercel does not survive)';
    ctx.logger.error({ job: 'backup' }, reason);
    await alerts.process([
      {
        id: 'backup_destination_missing',
        name: 'Backup has no durable destination',
        severity: 'critical',
        action: 'page_on_call',
        condition: 'production backup without BACKUP_S3_*',
        firing: true,
        // One refused run: a reading, not "no data" (which the alert manager skips).
        value: 1,
        threshold: 0,
      },
    ]);
    return reason;
  }

  async function runJob(
    name: CronJobName,
    { onProgress, kind = 'full' }: { onProgress?: OnProgress; kind?: 'full' | 'incremental' } = {},
  ): Promise<{ ok: boolean; report: unknown }> {
    if (name === 'daily-cleanup') {
      const report = await runDailyCleanup(ctx.db.withTimeout(0), { now: ctx.now });
      return { ok: report.ok, report };
    }
    if (name === 'cert-check') {
      const { report, alerts: results } = await runCertCheck(certHosts(env.CERT_HOSTS), {
        now: ctx.now(),
      });
      const notified = await alerts.process(results);
      if (!report.ok)
        ctx.logger.error({ job: name, hosts: report.hosts }, 'certificate check failed');
      return { ok: report.ok, report: { ...report, notified: notified.length } };
    }
    if (name === 'backup-incremental') return runJob('backup', { onProgress, kind: 'incremental' });
    if (name === 'reminders') {
      const vapid = ctx.secrets.vapid;
      if (!vapid) return { ok: true, report: { skipped: 'no VAPID keys: Web Push is off' } };
      const report = await sendDueReminders({
        db: ctx.db,
        vapid,
        subject: ctx.config.vapidSubject,
        now: ctx.now(),
      });
      if (report.failed > 0) ctx.logger.warn({ job: name, ...report }, 'reminder pushes failed');
      // A run a minute is 1,440 run records a day: keep two days of them (retries look back an hour).
      await ctx.db.query(
        `delete from tend_ops.job_runs where job = 'reminders' and scheduled_for < now() - interval '2 days'`,
      );
      return { ok: true, report };
    }
    if (name === 'sync-check') {
      const sync = await checkSync(ctx.db, new Date(ctx.now()));
      return { ok: true, report: { sync, ...(await checkAlerts()) } };
    }
    const refused = await refuseWithoutDurableDestination();
    if (refused) return { ok: false, report: { error: refused } };
    const options = {
      // A backup reads every table: longer than a request may wait.
      db: ctx.db.withTimeout(0),
      dir: settings.backupDir,
      encryptionKey: ctx.secrets.encryptionKey,
      now: new Date(ctx.now()),
      onProgress,
    };
    const backup = await runBackup(kind, options);
    const offsite = await copyOffsite(backup.manifest);
    const config = await backupSystemConfig(
      Object.fromEntries(ENV_NAMES.map((n) => [n, env[n]])),
      SECRET_ENV_NAMES,
      options,
    );
    await copyOffsite(config.manifest);
    return { ok: offsite.error === undefined, report: { backup, offsite, config } };
  }

  return {
    ctx,
    env,
    settings,
    instanceId: state.instanceId,
    state,
    requests,
    ai,
    cpu,
    alerts,
    jobs,
    cron,
    snapshot: () => snapshot('cluster'),
    instanceSnapshot: () => snapshot('instance'),
    checkAlerts,
    async flush() {
      await Promise.all([requests.flush(), ai.flush()]).catch(onFlushError);
    },
    runJob,
  };
}
