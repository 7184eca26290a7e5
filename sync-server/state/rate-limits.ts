// Rate-limit counters shared by every instance: tend_auth.rate_limits in PostgreSQL, or Redis when REDIS_URL is
// set. Two policies over one atomic read-modify-write: a fixed window (so many hits per window) and the login
// back-off (each failure past a free budget doubles the wait, capped; a success clears it). The policies are
// plain functions of the previous row, so both stores run the same logic: PostgreSQL under a row lock, Redis
// by compare-and-set in a Lua script. Keys are stored hashed, so no email or address sits in the store.
import { createHmac } from 'node:crypto';
import type { StateBackend } from './backend';

/** What the store keeps per key; times in epoch ms of the injected clock. A row past `expiresAt` is gone. */
interface LimitRow {
  count: number;
  blockedUntil: number;
  expiresAt: number;
}

interface WindowHit {
  allowed: boolean;
  count: number;
  /** When the current window ends. */
  resetAt: number;
}

export interface BackoffPolicy {
  /** Failures that cost nothing; the next one waits `baseMs`, then twice that, and so on. */
  freeFailures: number;
  baseMs: number;
  /** The longest wait a run of failures (anyone's) can impose on an account. */
  maxMs: number;
  /** Failures are forgotten this long after the last wait ended. */
  forgetMs: number;
}

interface BackoffAttempt {
  /** False while the back-off runs: the attempt is refused without counting. */
  admitted: boolean;
  failures: number;
  blockedUntil: number;
}

export interface RateLimitStore {
  /** Counts one hit in `key`'s fixed window; refused (still counted) past `max`. */
  hitWindow(key: string, max: number, windowMs: number): Promise<WindowHit>;
  /**
   * One login attempt on `key`. An admitted attempt counts as a failure until `clear` says it succeeded, so a
   * burst sent in parallel gets no more through than one sent in sequence.
   */
  attempt(key: string, policy: BackoffPolicy): Promise<BackoffAttempt>;
  clear(key: string): Promise<void>;
  /** Deletes expired rows (Redis expires its keys by itself). */
  prune(): Promise<number>;
}

type Change<T> = { next: LimitRow | null; result: T };

/** Fixed window: a new one starts when the last has ended (the row expired). */
function nextWindow(
  prev: LimitRow | null,
  now: number,
  max: number,
  windowMs: number,
): Change<WindowHit> {
  const next = prev
    ? { ...prev, count: prev.count + 1 }
    : { count: 1, blockedUntil: 0, expiresAt: now + windowMs };
  return {
    next,
    result: { allowed: next.count <= max, count: next.count, resetAt: next.expiresAt },
  };
}

/** The wait after the n-th failure: none within the free budget, then base, 2 base, 4 base ... up to max. */
export function backoffWait(failures: number, policy: BackoffPolicy): number {
  const over = failures - policy.freeFailures;
  if (over <= 0) return 0;
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(over - 1, 40));
}

function nextAttempt(
  prev: LimitRow | null,
  now: number,
  policy: BackoffPolicy,
): Change<BackoffAttempt> {
  if (prev && prev.blockedUntil > now) {
    return {
      next: prev,
      result: { admitted: false, failures: prev.count, blockedUntil: prev.blockedUntil },
    };
  }
  const failures = (prev?.count ?? 0) + 1;
  const blockedUntil = now + backoffWait(failures, policy);
  return {
    next: { count: failures, blockedUntil, expiresAt: blockedUntil + policy.forgetMs },
    result: { admitted: true, failures, blockedUntil },
  };
}

/**
 * Stored key: a keyed hash, so the store never holds an email or an address, nor one that a list of
 * addresses could be hashed to find. Every instance holds the same secret, so they agree on the keys.
 */
export function storedKey(key: string, secret: string): string {
  return createHmac('sha256', secret).update(key).digest('base64url');
}

interface RowStore {
  /** Applies `change` to the live row of `key` (null when absent or expired) atomically. */
  update<T>(key: string, now: number, change: (prev: LimitRow | null) => Change<T>): Promise<T>;
  remove(key: string): Promise<void>;
  prune(now: number): Promise<number>;
}

function postgresRows({ db }: StateBackend): RowStore {
  return {
    async update(key, now, change) {
      for (;;) {
        const done = await db.transaction(async (tx) => {
          const rows = await tx.query<{ count: number; blocked_until: string; expires_at: string }>(
            'select count, blocked_until, expires_at from tend_auth.rate_limits where key = $1 for update',
            [key],
          );
          const stored = rows[0]
            ? {
                count: Number(rows[0].count),
                blockedUntil: Number(rows[0].blocked_until),
                expiresAt: Number(rows[0].expires_at),
              }
            : null;
          const { next, result } = change(stored && stored.expiresAt > now ? stored : null);
          if (!next) {
            if (stored) await tx.query('delete from tend_auth.rate_limits where key = $1', [key]);
            return { result };
          }
          const params = [key, next.count, next.blockedUntil, next.expiresAt];
          if (stored) {
            await tx.query(
              'update tend_auth.rate_limits set count = $2, blocked_until = $3, expires_at = $4 where key = $1',
              params,
            );
            return { result };
          }
          const inserted = await tx.query(
            `insert into tend_auth.rate_limits (key, count, blocked_until, expires_at) values ($1, $2, $3, $4)
             on conflict (key) do nothing returning key`,
            params,
          );
          // Another instance inserted the row meanwhile: read it again, under its lock this time.
          return inserted.length === 1 ? { result } : null;
        });
        if (done) return done.result;
      }
    },
    async remove(key) {
      await db.query('delete from tend_auth.rate_limits where key = $1', [key]);
    },
    async prune(now) {
      const rows = await db.query(
        'delete from tend_auth.rate_limits where expires_at <= $1 returning key',
        [now],
      );
      return rows.length;
    },
  };
}

// Sets KEYS[1] to ARGV[2] (with a TTL of ARGV[3] ms) only if it still holds ARGV[1] ('' for absent).
const COMPARE_AND_SET_LUA = `
local current = redis.call('GET', KEYS[1]) or ''
if current ~= ARGV[1] then return 0 end
if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
return 1`;

/** Compare-and-set rounds before a key counts as too contended (the request is then refused). */
const MAX_SWAPS = 50;

function redisRows({ redis, redisPrefix }: StateBackend): RowStore {
  const client = redis!;
  const full = (key: string) => `${redisPrefix}limit:${key}`;
  return {
    async update(key, now, change) {
      for (let i = 0; i < MAX_SWAPS; i++) {
        const current = (await client.get(full(key))) ?? '';
        const stored = current ? (JSON.parse(current) as LimitRow) : null;
        const { next, result } = change(stored && stored.expiresAt > now ? stored : null);
        if (next === stored) return result;
        const swapped = await client.eval(
          COMPARE_AND_SET_LUA,
          1,
          full(key),
          current,
          next ? JSON.stringify(next) : '',
          String(Math.max(1, next ? next.expiresAt - now : 1)),
        );
        if (swapped === 1) return result;
      }
      throw new Error(`rate limit key too contended after ${MAX_SWAPS} attempts`);
    },
    async remove(key) {
      await client.del(full(key));
    },
    prune: async () => 0,
  };
}

export function createRateLimitStore(
  backend: StateBackend,
  {
    keySecret,
    pruneEveryMs = 60_000,
    onPruneError = () => {},
  }: { keySecret: string; pruneEveryMs?: number; onPruneError?: (error: unknown) => void },
): RateLimitStore {
  const rows = backend.redis ? redisRows(backend) : postgresRows(backend);
  let lastPrune = backend.now();
  // Expired rows go now and then, off the request's path.
  function pruneSometimes(now: number) {
    if (now - lastPrune < pruneEveryMs) return;
    lastPrune = now;
    rows.prune(now).catch(onPruneError);
  }
  return {
    async hitWindow(key, max, windowMs) {
      const now = backend.now();
      pruneSometimes(now);
      return rows.update(storedKey(key, keySecret), now, (prev) =>
        nextWindow(prev, now, max, windowMs),
      );
    },
    async attempt(key, policy) {
      const now = backend.now();
      pruneSometimes(now);
      return rows.update(storedKey(key, keySecret), now, (prev) => nextAttempt(prev, now, policy));
    },
    clear: (key) => rows.remove(storedKey(key, keySecret)),
    prune: () => rows.prune(backend.now()),
  };
}
