// Revoked sessions as every server instance sees them, read through a short per-process cache. The rows of
// tend_auth.revoked_sessions (written by revokeSession / revokeSessions in auth/sessions.ts, in the transaction
// that ends the session) are the record the refresh grant checks. Access tokens are checked against them too,
// or, when REDIS_URL is set, against Redis keys that `noteRevoked` writes once that transaction has committed,
// so no request reads the database for it. A revocation made on this instance is seen here at once; one made
// on another instance within SESSION_CACHE_MS, well inside the 5 s the operations promise.
import type { StateBackend } from './backend';

export const SESSION_CACHE_MS = 2_000;
/**
 * The longest an access token can live (JWT_EXPIRY's maximum): past it, a revoked session's tokens have all
 * expired, so its marker can go, whatever JWT_EXPIRY was when they were signed.
 */
export const REVOKED_SESSION_TTL_MS = 86_400_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface RevokedSessions {
  isRevoked(sessionId: string): Promise<boolean>;
  /**
   * After the transaction that ended the sessions has committed: this instance's cache learns at once, and
   * Redis, when it holds the shared set. Never inside the transaction: a rollback would leave a revocation
   * that did not happen.
   */
  noteRevoked(sessionIds: readonly string[]): Promise<void>;
}

interface RevokedStore {
  has(sessionId: string): Promise<boolean>;
  add(sessionIds: readonly string[]): Promise<void>;
}

function postgresRevoked({ db }: StateBackend): RevokedStore {
  return {
    async has(sessionId) {
      const rows = await db.query(
        'select 1 from tend_auth.revoked_sessions where session_id = $1::text::uuid',
        [sessionId],
      );
      return rows.length > 0;
    },
    // The row was written in the revoking transaction.
    add: async () => {},
  };
}

function redisRevoked({ redis, redisPrefix }: StateBackend, ttlMs: number): RevokedStore {
  const client = redis!;
  const key = (sessionId: string) => `${redisPrefix}revoked-session:${sessionId}`;
  return {
    has: async (sessionId) => (await client.exists(key(sessionId))) === 1,
    async add(sessionIds) {
      if (sessionIds.length === 0) return;
      const batch = client.multi();
      // Redis forgets a marker once every token of its session has expired.
      for (const id of sessionIds) batch.set(key(id), '1', 'PX', ttlMs);
      const replies = (await batch.exec()) ?? [];
      for (const [error] of replies) if (error) throw error;
    },
  };
}

export function createRevokedSessions(
  backend: StateBackend,
  {
    cacheMs = SESSION_CACHE_MS,
    ttlMs = REVOKED_SESSION_TTL_MS,
  }: { cacheMs?: number; ttlMs?: number } = {},
): RevokedSessions {
  const store = backend.redis ? redisRevoked(backend, ttlMs) : postgresRevoked(backend);
  // Answers younger than cacheMs; a revoked answer never changes, so it is kept until the map is trimmed.
  const cache = new Map<string, { revoked: boolean; at: number }>();
  const remember = (sessionId: string, revoked: boolean) => {
    if (cache.size > 50_000) cache.clear();
    cache.set(sessionId, { revoked, at: backend.now() });
  };
  return {
    async isRevoked(sessionId) {
      // Sessions are UUIDs; any other value was never stored, so it cannot have been revoked.
      if (!UUID.test(sessionId)) return false;
      const hit = cache.get(sessionId);
      if (hit && (hit.revoked || backend.now() - hit.at < cacheMs)) return hit.revoked;
      const revoked = await store.has(sessionId);
      remember(sessionId, revoked);
      return revoked;
    },
    async noteRevoked(sessionIds) {
      for (const id of sessionIds) remember(id, true);
      await store.add(sessionIds);
    },
  };
}

/** Markers whose sessions' tokens have all expired (the daily maintenance runs this). */
export const PRUNE_REVOKED_SESSIONS_SQL = `delete from tend_auth.revoked_sessions where revoked_at < now() - interval '${REVOKED_SESSION_TTL_MS / 1000} seconds'`;
