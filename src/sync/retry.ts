// Exponential backoff with full jitter for transient sync failures; time and randomness are injected.
import { SyncHttpError } from './http';

export interface RetryOptions {
  /** Tries in total, the first included. */
  maxAttempts?: number;
  baseMs?: number;
  maxMs?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Called before each wait, e.g. to show "retrying in 4 s". */
  onRetry?: (error: SyncHttpError, delayMs: number, attempt: number) => void;
}

export const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Full jitter (AWS architecture blog): a random wait in [0, min(max, base * 2^attempt)). */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number,
): number {
  return Math.floor(random() * Math.min(maxMs, baseMs * 2 ** attempt));
}

/** The wait before the next try after `error`: the jittered back-off, never less than a Retry-After. */
export function retryDelay(
  error: unknown,
  attempt: number,
  { baseMs, maxMs, random }: { baseMs: number; maxMs: number; random: () => number },
): number {
  const retryAfterMs = error instanceof SyncHttpError ? (error.retryAfterMs ?? 0) : 0;
  return Math.max(retryAfterMs, backoffDelay(attempt, baseMs, maxMs, random));
}

export function isRetryable(error: unknown): error is SyncHttpError {
  return error instanceof SyncHttpError && (error.kind === 'network' || error.kind === 'transient');
}

/** Runs `work`, retrying network and transient failures; never waits less than a Retry-After. */
export async function withRetry<T>(work: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const {
    maxAttempts = 5,
    baseMs = 500,
    maxMs = 60_000,
    random = Math.random,
    sleep = defaultSleep,
    onRetry,
  } = options;
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isRetryable(error) || attempt + 1 >= maxAttempts) throw error;
      const delay = retryDelay(error, attempt, { baseMs, maxMs, random });
      onRetry?.(error, delay, attempt + 1);
      await sleep(delay);
    }
  }
}
