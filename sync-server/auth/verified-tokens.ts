// A per-process cache of verified access tokens. Verifying a JWT costs an HMAC (or ECDSA) through WebCrypto's
// async job queue on every request, a tenth of a push's CPU; a client sends the same token for up to an hour.
// Only successful verifications are kept, keyed by the whole token (a changed signature is another key),
// and each entry expires with its token's `exp` and after `maxAgeMs` at most. Checks that can change while a
// token is valid (revoked sessions) run on every request, outside this cache.
import type { Claims } from '../db/types';
import type { TokenVerifier } from './verify';

interface VerifiedTokenCacheOptions {
  /** Wall clock in ms (the context's injected clock). */
  now: () => number;
  maxEntries?: number;
  maxAgeMs?: number;
}

export function cacheVerifiedTokens(
  verify: TokenVerifier,
  { now, maxEntries = 5000, maxAgeMs = 60_000 }: VerifiedTokenCacheOptions,
): TokenVerifier {
  const verified = new Map<string, { claims: Claims; until: number }>();
  return async (token) => {
    const hit = verified.get(token);
    if (hit && now() < hit.until) return hit.claims;
    if (hit) verified.delete(token);
    const claims = await verify(token);
    const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : 0;
    const until = Math.min(exp, now() + maxAgeMs);
    if (until > now()) {
      // Insertion order is age order: the first key is the oldest entry.
      if (verified.size >= maxEntries) verified.delete(verified.keys().next().value!);
      verified.set(token, { claims, until });
    }
    return claims;
  };
}
