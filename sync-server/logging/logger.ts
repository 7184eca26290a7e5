// The server's one logger (pino), as the operations specification's logging strategy describes it
// (docs/ops/): its seven levels (error, warn, info, http, verbose, debug, silly), context fields
// (environment here; requestId, userId, sessionId per request), console outside production, error.log and
// combined.log under LOG_DIR, Datadog when DATADOG_API_KEY is set, and secrets kept out of every line twice
// over: redacted by key path, then scrubbed by value.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import type { DestinationStream, Level, Logger as PinoLogger, StreamEntry } from 'pino';
import { SECRET_ENV_NAMES } from '../config';
import { createDatadogStream, type DatadogStream } from './datadog';
import { createKeyRedactor } from './redact';
import { createScrubber, scrubbingStream } from './scrub';

/** pino orders levels by number, higher = more severe; the specification's order is kept, npm's numbers are not. */
const CUSTOM_LEVELS = { http: 27, verbose: 23, silly: 5 } as const;
type CustomLevel = keyof typeof CUSTOM_LEVELS;
export type Logger = PinoLogger<CustomLevel>;

/** Keys whose values are credentials wherever they appear in a logged object (requests, bodies, tokens). */
const CREDENTIAL_KEYS = [
  'authorization',
  'cookie',
  'set-cookie',
  'apikey',
  'x-api-key',
  'x-cron-secret',
  'password',
  'encrypted_password',
  'token',
  'access_token',
  'refresh_token',
  'secret',
  'jwt_secret',
  'serviceKey',
];

/** JWT_SECRET -> jwtSecret: the Config field that holds a secret variable's value. */
const configKey = (name: string) =>
  name.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

const SECRET_KEYS = [...CREDENTIAL_KEYS, ...[...SECRET_ENV_NAMES].map(configKey)];
/** Keys searched at the top level, one and two levels down (request headers, bodies, configuration). */
const redactor = createKeyRedactor(SECRET_KEYS);

interface LoggerOptions {
  env?: Record<string, string | undefined>;
  level?: string;
  /** Secret values that must never reach a log line, whatever key they hide under. */
  secrets?: readonly (string | undefined)[];
  /** Replaces the console stream (tests). */
  console?: { write(chunk: string): unknown };
  fetchImpl?: typeof fetch;
}

interface Logging {
  logger: Logger;
  datadog: DatadogStream | null;
  files: { error: string; combined: string } | null;
}

/** The logger with its transports, for callers that flush Datadog or read the files (tests). */
export function createLogging({
  env = process.env,
  level = env.LOG_LEVEL ?? 'info',
  secrets = [],
  console: consoleStream,
  fetchImpl,
}: LoggerOptions = {}): Logging {
  const production = env.NODE_ENV === 'production';
  const scrub = createScrubber([...secrets, ...[...SECRET_ENV_NAMES].map((name) => env[name])]);
  const streams: StreamEntry<Level | CustomLevel>[] = [];
  const add = (
    stream: { write(chunk: string): unknown },
    streamLevel: Level | CustomLevel = 'silly',
  ) =>
    streams.push({
      level: streamLevel,
      stream: scrubbingStream(stream, scrub) as unknown as DestinationStream,
    });

  if (!production || consoleStream) add(consoleStream ?? process.stdout);
  let files: Logging['files'] = null;
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

  const logger = pino<CustomLevel>(
    {
      name: 'tend-sync',
      level,
      customLevels: CUSTOM_LEVELS,
      formatters: { log: redactor.object, bindings: redactor.object },
      serializers: { err: redactor.err },
      base: { environment: env.VERCEL_ENV ?? env.NODE_ENV ?? 'development' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    pino.multistream(streams, { levels: { ...pino.levels.values, ...CUSTOM_LEVELS } }),
  );
  return { logger, datadog, files };
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return createLogging(options).logger;
}
