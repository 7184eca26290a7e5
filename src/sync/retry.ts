// When a failed sync runs again. A run (push, then pull) sends each request once and throws the
// classified failure (http.ts); the page's sync engine is the one place that waits and runs again, by
// this policy. The service worker makes one attempt and leaves the next to the browser's Background Sync.
import { SyncHttpError } from './http';

export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
  random: () => number;
}

/** Quick at first (a blip), minutes apart in an outage. */
export const DEFAULT_RETRY_POLICY: Omit<RetryPolicy, 'random'> = {
  baseMs: 1_000,
  maxMs: 5 * 60_000,
};

/** Full jitter (AWS architecture blog): a random wait in [0, min(max, base * 2^attempt)). */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number,
): number {
  return Math.floor(random() * Math.min(maxMs, baseMs * 2 ** attempt));
}

/**
 * The wait before the next run after the `attempt`-th failure in a row: the jittered back-off, at least
 * `baseMs` (no hot loop) and never less than the server's Retry-After.
 */
export function retryDelay(
  error: unknown,
  attempt: number,
  { baseMs, maxMs, random }: RetryPolicy,
): number {
  const retryAfterMs = error instanceof SyncHttpError ? (error.retryAfterMs ?? 0) : 0;
  return Math.max(baseMs, retryAfterMs, backoffDelay(attempt, baseMs, maxMs, random));
}
