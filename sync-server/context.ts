// What every route and middleware receives: configuration, database, logger, token verification, and
// injected time and ids.
import { randomUUID } from 'node:crypto';
import type { AuthUser } from './auth/user';
import type { Mailer } from './auth/mailer';
import { createSmtpMailer } from './auth/mailer';
import { cacheVerifiedTokens } from './auth/verified-tokens';
import type { TokenVerifier } from './auth/verify';
import { createTokenVerifier, supabaseJwks } from './auth/verify';
import type { Config } from './config';
import { HttpError } from './errors';
import type { Db } from './db/types';
import type { Logger } from './logging/logger';
import { createDatabaseChangeFeed } from './live/change-feed';
import { createLiveHub } from './live/hub';
import { createRedisChangeFeed } from './live/redis-change-feed';
import type { LiveHub } from './live/hub';
import type { Secrets } from './secrets';
import { createRouteLimits, type RouteLimits } from './middleware/rate-limit/route-limits';
import { openStateBackend, type StateBackend } from './state/backend';
import { createRateLimitStore } from './state/rate-limits';
import type { RevokedSessions } from './state/sessions';
import { createRevokedSessions } from './state/sessions';

/** Hono's typing of what middleware puts on a request (requireUser sets `user`). */
export type AppEnv = { Variables: { user: AuthUser } };

export interface AppContext {
  config: Config;
  db: Db;
  logger: Logger;
  secrets: Secrets;
  /**
   * Verifies a bearer access token and returns its claims (401 HttpError otherwise), refusing a token
   * whose session was revoked on any instance.
   */
  verifyToken: TokenVerifier;
  /** Account mail through SMTP_URL, or null when the server cannot send mail. */
  mailer: Mailer | null;
  /** Sessions ended before their tokens expire, shared by every instance (state/sessions.ts). */
  revokedSessions: RevokedSessions;
  /** Where state shared by every instance lives: the database, or Redis when REDIS_URL is set. */
  state: StateBackend;
  /** Per-address and per-account limits of the auth and telemetry routes, counted across instances. */
  rateLimits: RouteLimits;
  /** True when this server answers the Supabase Auth endpoints itself (no SUPABASE_URL configured). */
  localAuth: boolean;
  /** Wall clock in ms; injected so tests control time. */
  now: () => number;
  /** New UUIDs (tasks, users, sessions); injected so tests can make them predictable. */
  newId: () => string;
  /** This instance's live event streams; null where streams cannot run (serverless), and clients poll. */
  live: LiveHub | null;
  /** Process start, for uptime. */
  startedAt: number;
  /**
   * Records an account event in the audit trail. The hosts plug in operations' audit log; without
   * operations (a bare core) there is no trail to write.
   */
  audit?: (entry: { actor: AuthUser; action: string; subject: string }) => Promise<void>;
  /** Test hooks (named as such): let a test hold a push open to force commit-order races. */
  hooks?: { beforePushCommit?: () => Promise<void> };
}

export function createContext(
  parts: Pick<AppContext, 'config' | 'db' | 'logger' | 'secrets'> & Partial<AppContext>,
): AppContext {
  const { config, secrets } = parts;
  const localAuth = parts.localAuth ?? !config.supabaseUrl;
  const now = parts.now ?? Date.now;
  const verifySignature =
    parts.verifyToken ??
    cacheVerifiedTokens(
      createTokenVerifier({
        // In local mode our own secret signs tokens; with Supabase, its legacy HS256 secret if configured.
        hsSecret: localAuth ? secrets.jwtSecret : config.jwtSecret,
        jwks: config.supabaseUrl ? supabaseJwks(config.supabaseUrl) : undefined,
        issuer: localAuth ? config.jwtIssuer : undefined,
        now,
      }),
      { now },
    );
  const mailer =
    parts.mailer !== undefined
      ? parts.mailer
      : config.smtpUrl
        ? createSmtpMailer(config.smtpUrl, config.smtpFrom)
        : null;
  const state =
    parts.state ??
    openStateBackend({
      db: parts.db,
      redisUrl: config.redisUrl,
      now,
      onRedisError: (error) => parts.logger.warn({ err: error.message }, 'redis error'),
    });
  const revokedSessions = parts.revokedSessions ?? createRevokedSessions(state);
  const rateLimits =
    parts.rateLimits ??
    createRouteLimits(
      createRateLimitStore(state, {
        keySecret: secrets.jwtSecret,
        onPruneError: (err) => parts.logger.debug({ err: String(err) }, 'rate limits not pruned'),
      }),
      config.rateLimits,
      {
        now,
        onStoreError: (err) =>
          parts.logger.warn({ err: String(err) }, 'rate limit store failed; request let through'),
      },
    );
  const verifyToken: TokenVerifier = async (token) => {
    const claims = await verifySignature(token);
    const sessionId = claims.session_id;
    if (typeof sessionId === 'string' && (await revokedSessions.isRevoked(sessionId))) {
      throw new HttpError(
        401,
        'session_not_found',
        'This session was signed out or revoked',
        null,
        {
          'WWW-Authenticate': 'Bearer error="invalid_token"',
        },
      );
    }
    return claims;
  };
  return {
    ...parts,
    mailer,
    verifyToken,
    revokedSessions,
    state,
    rateLimits,
    localAuth,
    now,
    newId: parts.newId ?? randomUUID,
    live: parts.live === undefined ? createInstanceLiveHub(parts, now) : parts.live,
    startedAt: parts.startedAt ?? now(),
  };
}

/**
 * Live streams over Redis pub/sub when REDIS_URL is set, else over the database's LISTEN/NOTIFY. Listens
 * only once the first stream opens, so a process that serves none holds no extra connection.
 */
function createInstanceLiveHub(
  { config, db, logger }: Pick<AppContext, 'config' | 'db' | 'logger'>,
  now: () => number,
): LiveHub | null {
  if (config.live.maxStreams === 0) return null;
  const onError = (err: unknown, message: string) => logger.warn({ err }, message);
  return createLiveHub({
    feed: config.redisUrl
      ? createRedisChangeFeed({
          url: config.redisUrl,
          onError: (err) => onError(err, 'live: redis'),
        })
      : createDatabaseChangeFeed(db, { onError: (err) => onError(err, 'live: notify') }),
    limits: config.live,
    now,
    onError,
  });
}
