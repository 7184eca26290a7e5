// Fixed-window attempt counter (in memory, per process) with injected time; 429 + Retry-After when over.
import { HttpError } from '../../errors';

export interface RateLimiter {
  /** Counts one attempt for `key`; throws 429 when the window's budget is spent. */
  hit(key: string): void;
  reset(key: string): void;
}

export function createRateLimiter(options: {
  max: number;
  windowMs: number;
  now: () => number;
  code?: string;
}): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key) {
      const t = options.now();
      let w = windows.get(key);
      if (!w || t - w.start >= options.windowMs) {
        w = { start: t, count: 0 };
        windows.set(key, w);
        // Keep memory bounded: drop expired windows once the map grows.
        if (windows.size > 10_000) {
          for (const [k, v] of windows) if (t - v.start >= options.windowMs) windows.delete(k);
        }
      }
      w.count += 1;
      if (w.count > options.max) {
        const retryAfter = Math.max(1, Math.ceil((w.start + options.windowMs - t) / 1000));
        throw new HttpError(
          429,
          options.code ?? 'over_request_rate_limit',
          `Too many attempts; try again in ${retryAfter} s`,
          { retryAfterSeconds: retryAfter },
          { 'Retry-After': String(retryAfter) },
        );
      }
    },
    reset(key) {
      windows.delete(key);
    },
  };
}
