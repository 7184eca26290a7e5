// Rate limits as the routes use them: fixed windows per client address (or per account) and the per-account
// login back-off, over the counters every instance shares (state/rate-limits.ts). Over a limit: 429 with
// Retry-After and the usual error body (GoTrue's shape on /auth routes, errors.ts).
import { HttpError } from '../../errors';
import { isDatabaseUnavailable } from '../../db/unavailable';
import type { BackoffPolicy, RateLimitStore } from '../../state/rate-limits';

interface WindowLimit {
  max: number;
  windowMs: number;
}

/** GoTrue's code for a request-rate limit; mail-sending routes use `over_email_send_rate_limit`. */
const RATE_LIMITED = 'over_request_rate_limit';

function tooManyRequests(code: string, retryAfterMs: number): HttpError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new HttpError(
    429,
    code,
    `Too many attempts; try again in ${seconds} s`,
    { retryAfterSeconds: seconds },
    { 'Retry-After': String(seconds) },
  );
}

export interface LimiterOptions {
  store: RateLimitStore;
  now: () => number;
  /**
   * A store that fails (Redis down) lets the request through, logged: a limiter must not turn a cache
   * outage into a login outage. A database outage still answers 503, as every other route does.
   */
  onStoreError: (error: unknown) => void;
}

async function orOpen<T>(options: LimiterOptions, run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw error;
    options.onStoreError(error);
    return null;
  }
}

export interface RateLimiter {
  /** Counts one request for `key`; throws 429 past the limit. A null key (no client address) is not limited. */
  hit(key: string | null): Promise<void>;
}

export function createRateLimiter(
  options: LimiterOptions,
  { name, limit, code = RATE_LIMITED }: { name: string; limit: WindowLimit; code?: string },
): RateLimiter {
  return {
    async hit(key) {
      if (key === null) return;
      const hit = await orOpen(options, () =>
        options.store.hitWindow(`${name}:${key}`, limit.max, limit.windowMs),
      );
      if (hit && !hit.allowed) throw tooManyRequests(code, hit.resetAt - options.now());
    },
  };
}

export interface LoginBackoff {
  /** Before checking a password: 429 while the account's back-off runs. */
  attempt(account: string): Promise<void>;
  /** After a correct password: the account owes nothing any more. */
  succeeded(account: string): Promise<void>;
}

export function createLoginBackoff(options: LimiterOptions, policy: BackoffPolicy): LoginBackoff {
  const key = (account: string) => `login-account:${account}`;
  return {
    async attempt(account) {
      const result = await orOpen(options, () => options.store.attempt(key(account), policy));
      if (result && !result.admitted) {
        throw tooManyRequests(RATE_LIMITED, result.blockedUntil - options.now());
      }
    },
    async succeeded(account) {
      await orOpen(options, () => options.store.clear(key(account)));
    },
  };
}
