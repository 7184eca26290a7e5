// A 401 for a token this device's clock still thinks valid (the server's clock is ahead, or the session
// was rotated elsewhere): refresh the session once and run the work once more. Shared by the page's sync
// engine and the service worker's Background Sync replay.
import { SyncHttpError } from './http';

export const isUnauthorized = (error: unknown): error is SyncHttpError =>
  error instanceof SyncHttpError && error.kind === 'unauthorized';

/**
 * Runs `work`; on a 401 calls `refresh` once and, when it yields a token, runs `work` again. Any other
 * failure, a failed refresh or a second 401 is thrown as it came.
 */
export async function retryAfterRefresh<T>(
  work: () => Promise<T>,
  refresh: (() => Promise<string | null>) | undefined,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isUnauthorized(error) || !refresh || !(await refresh())) throw error;
    return work();
  }
}
