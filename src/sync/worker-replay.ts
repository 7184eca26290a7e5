// The service worker's Background Sync handler: replays the outbox with the stored session, under the
// same lock as the page. Resolves quietly when signed out; rejects on a failure the browser should retry
// (one attempt here: the browser schedules the next Background Sync itself).
import { getMeta, META_KEYS, openTendDb } from '../db/database';
import { resolveAuthConfig } from './auth-config';
import { runExclusive, SYNC_LOCK } from './lock';
import { isUnauthorized, retryAfterRefresh } from './refresh-on-unauthorized';
import { replayOutbox } from './replay-outbox';
import type { ReplayResult } from './replay-outbox';
import { getStoredAccessToken } from './worker-session';
import { readSession } from './auth-storage';
import { ownsLocalData } from './upload-local';

interface WorkerReplayOptions {
  origin: string;
  fetch?: typeof fetch;
  env?: Record<string, unknown>;
  /** Database name (tests). */
  dbName?: string;
  dbOptions?: Parameters<typeof openTendDb>[1];
  locks?: Pick<LockManager, 'request'>;
}

export async function replayOutboxFromWorker(
  options: WorkerReplayOptions,
): Promise<ReplayResult | null> {
  const fetchFn = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  // The cast keeps this file valid under the worker tsconfig (no vite/client types); Vite still inlines it.
  const buildEnv = (import.meta as { env?: Record<string, unknown> }).env ?? {};
  const auth = resolveAuthConfig(options.env ?? buildEnv, options.origin);
  const db = openTendDb(options.dbName, options.dbOptions);
  const tokenOptions = {
    db,
    authUrl: auth.url,
    anonKey: auth.anonKey,
    fetch: fetchFn,
    locks: options.locks,
  };
  const getAccessToken = () => getStoredAccessToken(tokenOptions);
  const clientId = async () => (await getMeta<string>(db, META_KEYS.nodeId)) ?? 'service-worker';
  const replay = async () => {
    const id = await clientId();
    return runExclusive(
      SYNC_LOCK,
      () =>
        replayOutbox({
          db,
          clientId: id,
          fetch: fetchFn,
          baseUrl: options.origin,
          getAccessToken,
        }),
      options.locks,
    );
  };
  try {
    if (!(await getAccessToken())) return null;
    // Another account's kept tasks are never sent under this session (see upload-local.ts).
    const userId = (await readSession(db))?.user?.id;
    if (!userId || !(await ownsLocalData(db, userId))) return null;
    return await retryAfterRefresh(replay, () => getStoredAccessToken(tokenOptions, true));
  } catch (error) {
    // A lost session cannot be fixed by retrying; the page asks the user to sign in again.
    if (isUnauthorized(error)) return null;
    throw error;
  } finally {
    db.close();
  }
}
