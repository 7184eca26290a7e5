// The limits each route applies (RATE_LIMIT_* and LOGIN_* in config.ts), built once per process over the
// shared counters, so every instance counts against the same budget.
import type { RateLimitConfig } from '../../config';
import type { RateLimitStore } from '../../state/rate-limits';
import type { LimiterOptions, LoginBackoff, RateLimiter } from './index';
import { createLoginBackoff, createRateLimiter } from './index';

export interface RouteLimits {
  /** Password grant, per client address. */
  login: RateLimiter;
  /** Password grant, per account: the exponential back-off. */
  loginBackoff: LoginBackoff;
  signup: RateLimiter;
  refresh: RateLimiter;
  /** /recover and /resend per address. */
  recovery: RateLimiter;
  /** /recover and /resend per account: mail sent to one address. */
  recoveryAccount: RateLimiter;
  /** /verify (mailed links and the admin's one-time reset link) per address. */
  verify: RateLimiter;
  telemetry: RateLimiter;
}

export function createRouteLimits(
  store: RateLimitStore,
  limits: RateLimitConfig,
  options: Omit<LimiterOptions, 'store'>,
): RouteLimits {
  const shared = { ...options, store };
  const window = (name: Exclude<keyof RateLimitConfig, 'loginBackoff'>, code?: string) =>
    createRateLimiter(shared, { name, limit: limits[name], code });
  return {
    login: window('login'),
    loginBackoff: createLoginBackoff(shared, limits.loginBackoff),
    signup: window('signup'),
    refresh: window('refresh'),
    recovery: window('recovery'),
    recoveryAccount: window('recoveryAccount', 'over_email_send_rate_limit'),
    verify: window('verify'),
    // The code the client already knows for this route.
    telemetry: window('telemetry', 'telemetry_rate_limited'),
  };
}
