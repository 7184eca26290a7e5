// Revoked sessions as every server instance sees them: the rows of tend_auth.revoked_sessions (written by
// revokeSession / revokeSessions in auth/sessions.ts, in the transaction that ends the session), read
// through a short per-process cache. A revocation made on this instance is seen here at once; one made
// on another instance within SESSION_CACHE_MS, well inside the 5 s the operations promise.
import type { Queryable } from '../db/types';

export const SESSION_CACHE_MS = 2_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface RevokedSessions {
  isRevoked(sessionId: string): Promise<boolean>;
  /** Tells this instance's cache at once (the database row is the shared truth). */
  noteRevoked(sessionIds: readonly string[]): void;
}

export function createRevokedSessions(
  db: Queryable,
  { now, cacheMs = SESSION_CACHE_MS }: { now: () => number; cacheMs?: number },
): RevokedSessions {
  // Answers younger than cacheMs; a revoked answer never changes, so it is kept until the map is trimmed.
  const cache = new Map<string, { revoked: boolean; at: number }>();
  return {
    async isRevoked(sessionId) {
      // Sessions are UUIDs; any other value was never stored, so it cannot have been revoked.
      if (!UUID.test(sessionId)) return false;
      const hit = cache.get(sessionId);
      const t = now();
      if (hit && (hit.revoked || t - hit.at < cacheMs)) return hit.revoked;
      const rows = await db.query(
        'select 1 from tend_auth.revoked_sessions where session_id = $1::text::uuid',
        [sessionId],
      );
      if (cache.size > 50_000) cache.clear();
      cache.set(sessionId, { revoked: rows.length > 0, at: t });
      return rows.length > 0;
    },
    noteRevoked(sessionIds) {
      const t = now();
      for (const id of sessionIds) cache.set(id, { revoked: true, at: t });
    },
  };
}
