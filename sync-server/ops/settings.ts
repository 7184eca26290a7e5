// Operations settings read from the environment (variables declared in config.ts's schema; Config covers the
// app, these only operations).
import { join } from 'node:path';
import type { Config, Env } from '../config';
import { DEFAULT_DATABASE_SIZE_LIMIT_MB } from './health/database-size';

export interface OpsSettings {
  logDir: string | undefined;
  redisUrl: string | undefined;
  backupDir: string;
  /** The database's size limit in bytes, for the Storage Warning on PostgreSQL. */
  databaseSizeLimitBytes: number;
  alertWebhookUrl: string | undefined;
  slackWebhookUrl: string | undefined;
  alertEmailWebhookUrl: string | undefined;
  /** Run the cron jobs in this process (self-hosted `npm start`); off on Vercel, whose cron calls the routes. */
  scheduler: boolean;
  environment: string;
  /** The request window behind the error-rate and latency alerts and the dashboard. */
  metricsWindowMs: number;
  /** How often this instance evaluates the alert rules (with the scheduler); 0: only the sync-check job. */
  alertEvaluationMs: number;
}

function positive(value: string | undefined): number | undefined {
  const n = Number(value);
  return value !== undefined && Number.isInteger(n) && n > 0 ? n : undefined;
}

export function readOpsSettings(
  env: Env,
  config: Pick<Config, 'dataDir' | 'production' | 'vercel' | 'nodeEnv'>,
): OpsSettings {
  const flag = (v: string | undefined) => v === '1' || v === 'true';
  return {
    logDir: env.LOG_DIR || undefined,
    redisUrl: env.REDIS_URL || undefined,
    backupDir: env.BACKUP_DIR || join(config.dataDir, 'backups'),
    databaseSizeLimitBytes:
      (Number(env.DATABASE_SIZE_LIMIT_MB) || DEFAULT_DATABASE_SIZE_LIMIT_MB) * 1024 * 1024,
    alertWebhookUrl: env.ALERT_WEBHOOK_URL || undefined,
    slackWebhookUrl: env.SLACK_WEBHOOK_URL || undefined,
    alertEmailWebhookUrl: env.ALERT_EMAIL_WEBHOOK_URL || undefined,
    scheduler:
      env.OPS_SCHEDULER !== undefined
        ? flag(env.OPS_SCHEDULER)
        : !env.VERCEL && config.nodeEnv !== 'test',
    environment: config.vercel.env ?? config.nodeEnv,
    metricsWindowMs: positive(env.METRICS_WINDOW_MS) ?? 5 * 60_000,
    alertEvaluationMs: positive(env.ALERT_EVALUATION_MS) ?? 60_000,
  };
}
