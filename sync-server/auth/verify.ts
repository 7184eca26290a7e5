// Verifies Supabase access tokens: HS256 with JWT_SECRET, or ES256/RS256 through the project's JWKS.
// Algorithms are pinned per key type, `alg: none` never passes, and exp, aud and sub are required.
import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import type { Claims } from '../db/types';
import { HttpError } from '../errors';

export const AUDIENCE = 'authenticated';
const ASYMMETRIC = ['ES256', 'RS256'];

export type TokenVerifier = (token: string) => Promise<Claims>;

interface VerifierOptions {
  /** Shared secret for HS256 tokens (Supabase legacy secret, or our own local auth). */
  hsSecret?: string;
  /** Key set for asymmetric tokens; by default Supabase's JWKS endpoint when SUPABASE_URL is set. */
  jwks?: JWTVerifyGetKey;
  /** Required `iss` (our own tokens: JWT_ISSUER); unchecked when absent (Supabase's). */
  issuer?: string;
  /** Wall clock in ms for the exp/nbf checks: the context's injected clock, so tests control time. */
  now?: () => number;
}

export function supabaseJwks(supabaseUrl: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(`${supabaseUrl}/auth/v1/.well-known/jwks.json`));
}

function unauthorized(message: string): HttpError {
  return new HttpError(401, 'invalid_token', message, null, {
    'WWW-Authenticate': 'Bearer error="invalid_token"',
  });
}

export function createTokenVerifier(options: VerifierOptions): TokenVerifier {
  const secret = options.hsSecret ? new TextEncoder().encode(options.hsSecret) : undefined;
  return async (token) => {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw unauthorized('Malformed access token');
    }
    let payload: JWTPayload;
    const checks = {
      audience: AUDIENCE,
      requiredClaims: ['exp', 'sub'],
      issuer: options.issuer,
      currentDate: options.now ? new Date(options.now()) : undefined,
    };
    try {
      if (alg === 'HS256' && secret) {
        ({ payload } = await jwtVerify(token, secret, { ...checks, algorithms: ['HS256'] }));
      } else if (alg && ASYMMETRIC.includes(alg) && options.jwks) {
        ({ payload } = await jwtVerify(token, options.jwks, { ...checks, algorithms: ASYMMETRIC }));
      } else {
        throw unauthorized(`Access token algorithm not accepted: ${alg ?? 'none'}`);
      }
    } catch (error) {
      if (error instanceof HttpError) throw error;
      if (error instanceof errors.JWTExpired) throw unauthorized('Access token expired');
      throw unauthorized('Access token rejected');
    }
    if (typeof payload.sub !== 'string' || !/^[0-9a-f-]{36}$/i.test(payload.sub)) {
      throw unauthorized('Access token subject is not a user id');
    }
    if (payload.role !== undefined && payload.role !== 'authenticated') {
      throw unauthorized('Access token is not a user token');
    }
    return { ...payload, sub: payload.sub, role: 'authenticated' } as Claims;
  };
}
