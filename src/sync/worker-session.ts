// The access token for replays outside the page (service worker): read from the stored session and,
// once it has expired, refreshed with the refresh token straight against GoTrue (no supabase-js here).
// The page refreshes ahead of expiry, so this only runs while no page is open: no rotation race.
import type { TendDb } from '../db/database';
import { readSession, writeSession } from './auth-storage';
import type { StoredSession } from './auth-storage';
import { runExclusive } from './lock';

interface WorkerTokenOptions {
  db: TendDb;
  authUrl: string;
  anonKey: string;
  fetch: typeof fetch;
  now?: () => number;
  locks?: Pick<LockManager, 'request'>;
}

const expired = (s: StoredSession, now: number) =>
  s.expires_at !== undefined && s.expires_at * 1000 <= now;

/** `force`: refresh even though the token looks valid here (the server said 401: our clock is behind). */
export async function getStoredAccessToken(
  options: WorkerTokenOptions,
  force = false,
): Promise<string | null> {
  const { db, now = Date.now } = options;
  const session = await readSession(db);
  if (!session) return null;
  if (!force && !expired(session, now())) return session.access_token;
  const stale = session.access_token;
  return runExclusive(
    'tend-auth-refresh',
    async () => {
      // Another context may have refreshed while we waited for the lock.
      const current = await readSession(db);
      if (!current) return null;
      if (current.access_token !== stale || (!force && !expired(current, now())))
        return current.access_token;
      const response = await options.fetch(
        new URL('/auth/v1/token?grant_type=refresh_token', options.authUrl).toString(),
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', apikey: options.anonKey },
          body: JSON.stringify({ refresh_token: current.refresh_token }),
        },
      );
      if (!response.ok) return null;
      const fresh = (await response.json()) as StoredSession;
      const expiresAt = fresh.expires_at ?? Math.floor(now() / 1000) + (fresh.expires_in ?? 3600);
      await writeSession(db, { ...current, ...fresh, expires_at: expiresAt });
      return fresh.access_token;
    },
    options.locks,
  );
}
