// The server's one environment schema: every variable the server, its operations and their scripts read
// (docs/ops/ lists them; VITE_ and NEXT_PUBLIC_ twins of the public ones are accepted), validated once at start
// so a typo fails loudly instead of half-working. Secrets are marked here, and every other list derives from it.
import { z } from 'zod';
import { DEFAULT_PUSH_HOSTS } from './push/subscriptions';

export type Env = Record<string, string | undefined>;

/** The built-in auth's token issuer unless JWT_ISSUER names another (never taken from a request). */
export const LOCAL_JWT_ISSUER = 'tend';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const list = optional.transform((v) =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [],
);

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000 } as const;
const DURATION = /^(\d+)([smh])$/;

function parseDuration(value: string): number | null {
  const m = DURATION.exec(value);
  return m ? Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS] : null;
}

/** A length of time such as `90s`, `5m` or `1h`, in ms. */
const duration = (fallback: string) =>
  optional.transform((v, ctx) => {
    const ms = parseDuration(v ?? fallback);
    if (ms === null || ms === 0) {
      ctx.addIssue({ code: 'custom', message: 'expected a duration such as 30s, 5m or 1h' });
      return z.NEVER;
    }
    return ms;
  });

/** `max/window`, such as `100/5m`: at most max requests per window. */
const windowLimit = (fallback: string) =>
  optional.transform((v, ctx) => {
    const [max, window] = (v ?? fallback).split('/');
    const windowMs = parseDuration(window ?? '');
    if (!/^\d+$/.test(max) || Number(max) < 1 || windowMs === null || windowMs === 0) {
      ctx.addIssue({ code: 'custom', message: 'expected max/window such as 100/5m' });
      return z.NEVER;
    }
    return { max: Number(max), windowMs };
  });

/**
 * Marks a variable whose value is a credential: the logger masks its value in every line, and the versioned
 * configuration backup records it as set or unset only.
 */
const secret = <S extends z.ZodType>(schema: S): S => schema.meta({ secret: true }) as S;

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: optional,
  DATA_DIR: optional.transform((v) => v ?? './data'),
  DIST_DIR: optional.transform((v) => v ?? './dist'),
  DATABASE_URL: secret(optional.pipe(z.url().optional())),
  SUPABASE_URL: optional.pipe(z.url().optional()),
  SUPABASE_ANON_KEY: optional,
  SUPABASE_SERVICE_KEY: secret(optional),
  ENCRYPTION_KEY: secret(optional),
  JWT_SECRET: secret(optional),
  JWT_ISSUER: optional,
  JWT_EXPIRY: z.coerce.number().int().min(60).max(86_400).default(3600),
  CORS_ORIGINS: list,
  ADMIN_EMAILS: list.transform((l) => l.map((e) => e.toLowerCase())),
  CRON_SECRET: secret(optional),
  // Web Push (reminders): the VAPID key pair, URL-safe base64 as web-push generates it, and its contact.
  VAPID_PUBLIC_KEY: optional,
  VAPID_PRIVATE_KEY: secret(optional),
  // Hosts the server may send pushes to (comma-separated, `*.` for subdomains); default: the browsers' push services.
  PUSH_HOSTS: list,
  VAPID_SUBJECT: optional.pipe(
    z
      .string()
      .regex(/^(?:mailto:|https:\/\/)\S+$/, 'must be a mailto: or https:// address')
      .optional(),
  ),
  APP_VERSION: optional,
  LOG_LEVEL: z
    .enum([
      'fatal',
      'error',
      'warn',
      'info',
      'http',
      'verbose',
      'debug',
      'silly',
      'trace',
      'silent',
    ])
    .default('info'),
  LLM_MODEL_PATH: optional,
  LLM_WORKER_MEMORY: z.coerce.number().int().positive().optional(),
  DATADOG_API_KEY: secret(optional),
  VERCEL_ENV: optional,
  VERCEL_URL: optional,
  VERCEL_REGION: optional,
  // How many proxies of ours stand in front: `true` or `1` for one (Vercel, one reverse proxy), or a count.
  TRUST_PROXY: optional.transform((v, ctx) => {
    if (v === undefined || v === 'false') return 0;
    if (v === 'true') return 1;
    if (/^\d{1,2}$/.test(v)) return Number(v);
    ctx.addIssue({ code: 'custom', message: 'expected true, false or a number of proxies' });
    return z.NEVER;
  }),
  MAX_CLOCK_DRIFT_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(5 * 60_000),
  DB_POOL_MAX: optional,
  DB_PREPARE: optional,
  DB_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  // `npm start` ends itself when its event loop is stuck this long, so a supervisor restarts it.
  EVENT_LOOP_STALL_LIMIT: duration('60s'),
  // Rate limits (middleware/rate-limit): `max/window` per client address, window in s, m or h.
  RATE_LIMIT_LOGIN: windowLimit('100/5m'),
  RATE_LIMIT_SIGNUP: windowLimit('30/1h'),
  RATE_LIMIT_REFRESH: windowLimit('600/5m'),
  RATE_LIMIT_RECOVERY: windowLimit('10/1h'),
  RATE_LIMIT_RECOVERY_ACCOUNT: windowLimit('5/1h'),
  RATE_LIMIT_VERIFY: windowLimit('30/1h'),
  RATE_LIMIT_TELEMETRY: windowLimit('60/1m'),
  // The per-account login back-off: free failures, then the base wait (1 s), twice that ... up to the maximum.
  LOGIN_FREE_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_BACKOFF_BASE: duration('1s'),
  LOGIN_BACKOFF_MAX: duration('5m'),
  // Live sync: event streams this instance holds, per user and in all.
  LIVE_MAX_STREAMS_PER_USER: z.coerce.number().int().min(1).max(1000).default(10),
  LIVE_MAX_STREAMS: z.coerce.number().int().min(0).max(1_000_000).default(5000),
  // Operations (read by readOpsSettings, the logger and the backup jobs).
  LOG_DIR: optional,
  DATADOG_LOGS_URL: optional,
  DD_SITE: optional,
  REDIS_URL: secret(optional),
  BACKUP_DIR: optional,
  DATABASE_SIZE_LIMIT_MB: z.coerce.number().positive().optional(),
  ALERT_WEBHOOK_URL: secret(optional),
  SLACK_WEBHOOK_URL: secret(optional),
  ALERT_EMAIL_WEBHOOK_URL: secret(optional),
  OPS_SCHEDULER: optional,
  METRICS_WINDOW_MS: optional,
  ALERT_EVALUATION_MS: optional,
  BACKUP_S3_ENDPOINT: optional,
  BACKUP_S3_BUCKET: optional,
  BACKUP_S3_REGION: optional,
  BACKUP_S3_PREFIX: optional,
  BACKUP_S3_ACCESS_KEY_ID: secret(optional),
  BACKUP_S3_SECRET_ACCESS_KEY: secret(optional),
  // Operations scripts and CI.
  CERT_HOSTS: optional,
  SNYK_TOKEN: secret(optional),
  VERCEL_TOKEN: secret(optional),
  // Account mail of the built-in auth.
  SITE_URL: optional.pipe(z.url().optional()),
  SMTP_URL: secret(optional.pipe(z.url({ protocol: /^smtps?$/ }).optional())),
  SMTP_FROM: optional,
  MAILER_AUTOCONFIRM: optional.transform((v) => v !== '0' && v !== 'false'),
});

type EnvName = keyof typeof envSchema.shape;

/** Every variable the server knows, in the schema's order. */
export const ENV_NAMES = Object.keys(envSchema.shape) as EnvName[];

/** The variables marked secret in the schema. */
export const SECRET_ENV_NAMES: ReadonlySet<EnvName> = new Set(
  ENV_NAMES.filter((name) => z.globalRegistry.get(envSchema.shape[name])?.secret === true),
);

export interface RateLimitConfig {
  login: { max: number; windowMs: number };
  signup: { max: number; windowMs: number };
  refresh: { max: number; windowMs: number };
  recovery: { max: number; windowMs: number };
  recoveryAccount: { max: number; windowMs: number };
  verify: { max: number; windowMs: number };
  telemetry: { max: number; windowMs: number };
  loginBackoff: { freeFailures: number; baseMs: number; maxMs: number; forgetMs: number };
}

export type Config = Readonly<{
  nodeEnv: 'development' | 'production' | 'test';
  production: boolean;
  port: number;
  host: string | undefined;
  dataDir: string;
  distDir: string;
  databaseUrl: string | undefined;
  supabaseUrl: string | undefined;
  supabaseAnonKey: string | undefined;
  supabaseServiceKey: string | undefined;
  encryptionKey: string | undefined;
  jwtSecret: string | undefined;
  /** `iss` of the access tokens the built-in auth signs, and the only one it accepts. */
  jwtIssuer: string;
  jwtExpirySeconds: number;
  corsOrigins: string[];
  adminEmails: string[];
  cronSecret: string | undefined;
  /** VAPID keys for Web Push; both or neither (generated into DATA_DIR outside production). */
  vapidPublicKey: string | undefined;
  vapidPrivateKey: string | undefined;
  /** The contact push services see with each push: VAPID_SUBJECT, else SITE_URL, else a local mailto. */
  vapidSubject: string;
  /** Push endpoint hosts a subscription may name (sync-server/push/subscriptions.ts). */
  pushHosts: string[];
  appVersion: string;
  logLevel: string;
  llmModelPath: string | undefined;
  llmWorkerMemoryMb: number | undefined;
  datadogApiKey: string | undefined;
  vercel: { env: string | undefined; url: string | undefined; region: string | undefined };
  /** Trust X-Forwarded-For / X-Forwarded-Proto (set behind Vercel or a reverse proxy). */
  trustProxy: boolean;
  /** Proxies of ours in front (TRUST_PROXY): the client address is that many X-Forwarded-For hops from the right. */
  trustProxyHops: number;
  /** Per client address (and recovery per account too); the login back-off per account. */
  rateLimits: RateLimitConfig;
  /** Longest a request waits for the database (connect, statement, transaction) before it gets a 503. */
  dbTimeoutMs: number;
  /** `npm start` kills itself when its main thread has not turned the event loop for this long. */
  eventLoopStallLimitMs: number;
  /** The public address of the app: account mail links point here, never at a request's Host header. */
  siteUrl: string | undefined;
  /** Account mail (recovery, confirmation, email change); a secret, it may carry SMTP credentials. */
  smtpUrl: string | undefined;
  smtpFrom: string;
  /** Sign-up signs in at once (GoTrue's MAILER_AUTOCONFIRM); the address still counts as unproven. */
  mailerAutoconfirm: boolean;
  /** Redis for state shared by instances; live sync fans out through its pub/sub when set. */
  redisUrl: string | undefined;
  /** Live event streams one instance holds: per user, and in all (0 turns live sync off). */
  live: { maxStreamsPerUser: number; maxStreams: number };
  /** A pushed timestamp further ahead of the server's clock than this is refused (`clock_drift`). */
  maxClockDriftMs: number;
}>;

/** The client build reads VITE_*; the operations specification names NEXT_PUBLIC_*; the server accepts either. */
function pick(env: Env, name: string): string | undefined {
  return env[name] ?? env[`VITE_${name}`] ?? env[`NEXT_PUBLIC_${name}`];
}

export class ConfigError extends Error {}

type ParsedEnv = z.output<typeof envSchema>;

/** The environment checked against the schema, blank values unset; throws ConfigError naming each bad variable. */
function parseEnv(rawEnv: Env = process.env): ParsedEnv {
  // A blank line copied from .env.example means "not set", not "empty string" (or port 0).
  const env: Env = Object.fromEntries(
    Object.entries(rawEnv).filter(([, v]) => v !== undefined && v.trim() !== ''),
  );
  const parsed = envSchema.safeParse({
    ...env,
    SUPABASE_URL: pick(env, 'SUPABASE_URL'),
    SUPABASE_ANON_KEY: pick(env, 'SUPABASE_ANON_KEY'),
    APP_VERSION: env.APP_VERSION ?? env.npm_package_version,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment: ${lines.join('; ')}`);
  }
  return parsed.data;
}

export function loadConfig(rawEnv: Env = process.env): Config {
  const e = parseEnv(rawEnv);
  if (e.SMTP_URL && !e.SITE_URL) {
    throw new ConfigError(
      'Invalid environment: SITE_URL: required when SMTP_URL is set (mail links)',
    );
  }
  if (!e.MAILER_AUTOCONFIRM && !e.SMTP_URL) {
    throw new ConfigError(
      'Invalid environment: MAILER_AUTOCONFIRM: false needs SMTP_URL, or nobody could confirm a sign-up',
    );
  }
  return {
    nodeEnv: e.NODE_ENV,
    production: e.NODE_ENV === 'production',
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    distDir: e.DIST_DIR,
    databaseUrl: e.DATABASE_URL,
    supabaseUrl: e.SUPABASE_URL?.replace(/\/+$/, ''),
    supabaseAnonKey: e.SUPABASE_ANON_KEY,
    supabaseServiceKey: e.SUPABASE_SERVICE_KEY,
    encryptionKey: e.ENCRYPTION_KEY,
    jwtSecret: e.JWT_SECRET,
    jwtIssuer: e.JWT_ISSUER ?? LOCAL_JWT_ISSUER,
    jwtExpirySeconds: e.JWT_EXPIRY,
    corsOrigins: e.CORS_ORIGINS,
    adminEmails: e.ADMIN_EMAILS,
    cronSecret: e.CRON_SECRET,
    vapidPublicKey: e.VAPID_PUBLIC_KEY,
    vapidPrivateKey: e.VAPID_PRIVATE_KEY,
    vapidSubject:
      e.VAPID_SUBJECT ??
      (e.SITE_URL?.startsWith('https://') ? e.SITE_URL : 'mailto:reminders@tend.invalid'),
    pushHosts: e.PUSH_HOSTS.length > 0 ? e.PUSH_HOSTS : DEFAULT_PUSH_HOSTS,
    appVersion: e.APP_VERSION ?? '0.0.0',
    logLevel: e.LOG_LEVEL,
    llmModelPath: e.LLM_MODEL_PATH,
    llmWorkerMemoryMb: e.LLM_WORKER_MEMORY,
    datadogApiKey: e.DATADOG_API_KEY,
    vercel: { env: e.VERCEL_ENV, url: e.VERCEL_URL, region: e.VERCEL_REGION },
    trustProxy: e.TRUST_PROXY > 0,
    trustProxyHops: e.TRUST_PROXY,
    rateLimits: {
      login: e.RATE_LIMIT_LOGIN,
      signup: e.RATE_LIMIT_SIGNUP,
      refresh: e.RATE_LIMIT_REFRESH,
      recovery: e.RATE_LIMIT_RECOVERY,
      recoveryAccount: e.RATE_LIMIT_RECOVERY_ACCOUNT,
      verify: e.RATE_LIMIT_VERIFY,
      telemetry: e.RATE_LIMIT_TELEMETRY,
      loginBackoff: {
        freeFailures: e.LOGIN_FREE_FAILURES,
        baseMs: e.LOGIN_BACKOFF_BASE,
        maxMs: e.LOGIN_BACKOFF_MAX,
        // A run of failures is forgotten an hour after its last wait ended.
        forgetMs: 60 * 60_000,
      },
    },
    dbTimeoutMs: e.DB_TIMEOUT_MS,
    eventLoopStallLimitMs: e.EVENT_LOOP_STALL_LIMIT,
    siteUrl: e.SITE_URL?.replace(/\/+$/, ''),
    smtpUrl: e.SMTP_URL,
    smtpFrom: e.SMTP_FROM ?? 'Tend <no-reply@localhost>',
    mailerAutoconfirm: e.MAILER_AUTOCONFIRM,
    redisUrl: e.REDIS_URL,
    live: { maxStreamsPerUser: e.LIVE_MAX_STREAMS_PER_USER, maxStreams: e.LIVE_MAX_STREAMS },
    maxClockDriftMs: e.MAX_CLOCK_DRIFT_MS,
  };
}
