// The seed's logging strategy on pino: its seven levels (error, warn, info, http, verbose, debug, silly), context
// fields (environment here; userId, sessionId, requestId per request), console outside production, error.log
// and combined.log under LOG_DIR, Datadog when DATADOG_API_KEY is set, and secrets scrubbed from every line.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import type { DestinationStream, Level, Logger, StreamEntry } from 'pino';
import { REDACT_PATHS, type Logger as ServerLogger } from '../../logger';
import { createDatadogStream, type DatadogStream } from './datadog';
import { createScrubber, scrubbingStream } from './scrub';

/** pino orders levels by number, higher = more severe; the seed's order is kept, npm-style numbers are not. */
export const SEED_LEVELS = { http: 27, verbose: 23, silly: 5 } as const;
export type SeedLevel = keyof typeof SEED_LEVELS;
export type OpsLogger = Logger<SeedLevel>;

export const SEED_LEVEL_NAMES = [
  'error',
  'warn',
  'info',
  'http',
  'verbose',
  'debug',
  'silly',
] as const;

export interface OpsLoggerOptions {
  env?: Record<string, string | undefined>;
  level?: string;
  /** Secret values that must never reach a log line, whatever key they hide under. */
  secrets?: readonly (string | undefined)[];
  /** Replaces the console stream (tests). */
  console?: { write(chunk: string): unknown };
  fetchImpl?: typeof fetch;
}

export interface OpsLoggerHandle {
  logger: OpsLogger;
  datadog: DatadogStream | null;
  files: { error: string; combined: string } | null;
}

const SECRET_ENV = [
  'JWT_SECRET',
  'ENCRYPTION_KEY',
  'CRON_SECRET',
  'SUPABASE_SERVICE_KEY',
  'DATADOG_API_KEY',
  'SNYK_TOKEN',
  'VERCEL_TOKEN',
  'SLACK_WEBHOOK_URL',
  'ALERT_WEBHOOK_URL',
  'ALERT_EMAIL_WEBHOOK_URL',
  'BACKUP_S3_SECRET_ACCESS_KEY',
  'DATABASE_URL',
  'SENTRY_DSN',
];

export function createOpsLogger({
  env = process.env,
  level = env.LOG_LEVEL ?? 'info',
  secrets = [],
  console: consoleStream,
  fetchImpl,
}: OpsLoggerOptions = {}): OpsLoggerHandle {
  const production = env.NODE_ENV === 'production';
  const scrub = createScrubber([...secrets, ...SECRET_ENV.map((name) => env[name])]);
  const streams: StreamEntry<Level | SeedLevel>[] = [];
  const add = (
    stream: { write(chunk: string): unknown },
    streamLevel: Level | SeedLevel = 'silly',
  ) =>
    streams.push({
      level: streamLevel,
      stream: scrubbingStream(stream, scrub) as unknown as DestinationStream,
    });

  if (!production || consoleStream) add(consoleStream ?? process.stdout);
  let files: OpsLoggerHandle['files'] = null;
  if (env.LOG_DIR) {
    mkdirSync(env.LOG_DIR, { recursive: true, mode: 0o750 });
    files = { error: join(env.LOG_DIR, 'error.log'), combined: join(env.LOG_DIR, 'combined.log') };
    add(pino.destination({ dest: files.error, sync: true }), 'error');
    add(pino.destination({ dest: files.combined, sync: true }));
  }
  let datadog: DatadogStream | null = null;
  if (env.DATADOG_API_KEY) {
    datadog = createDatadogStream({
      apiKey: env.DATADOG_API_KEY,
      url: env.DATADOG_LOGS_URL,
      site: env.DD_SITE,
      environment: env.VERCEL_ENV ?? env.NODE_ENV ?? 'development',
      fetchImpl,
    });
    add(datadog, 'info');
  }
  // Production without files or Datadog still needs somewhere to log: stdout, as the platform collects it.
  if (streams.length === 0) add(process.stdout);

  const logger = pino<SeedLevel>(
    {
      name: 'tend-sync',
      level,
      customLevels: SEED_LEVELS,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { environment: env.VERCEL_ENV ?? env.NODE_ENV ?? 'development' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    pino.multistream(streams, { levels: { ...pino.levels.values, ...SEED_LEVELS } }),
  );
  return { logger, datadog, files };
}

/**
 * The ops logger typed as the server's Logger, for main.ts and the Vercel entry. The seed levels are still
 * there at runtime (`logger.http(...)`); the server's type simply does not list them.
 */
export function createServerLogger(options: OpsLoggerOptions = {}): ServerLogger {
  return createOpsLogger(options).logger as unknown as ServerLogger;
}
