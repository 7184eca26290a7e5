// Sessions of the built-in auth: short-lived HS256 access tokens and rotating refresh tokens.
// A refresh token works once; presenting a rotated one again means it leaked, so the whole session dies.
import { createHash, randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Queryable } from '../db/types';
import { HttpError } from '../errors';
import type { UserRow } from './users';
import { toGoTrueUser } from './users';
import { AUDIENCE } from './verify';

const REFRESH_TTL_DAYS = 30;
/** GoTrue's default refresh-token reuse interval. */
const REUSE_INTERVAL_MS = 10_000;

export interface SessionDeps {
  jwtSecret: string;
  expiresIn: number;
  now: () => number;
  newId: () => string;
  issuer: string;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

async function storeRefreshToken(
  db: Queryable,
  deps: SessionDeps,
  userId: string,
  sessionId: string,
) {
  const token = randomBytes(32).toString('base64url');
  const expires = new Date(deps.now() + REFRESH_TTL_DAYS * 86_400_000).toISOString();
  await db.query(
    `insert into tend_auth.refresh_tokens (token_hash, user_id, session_id, expires_at) values ($1, $2, $3, $4)`,
    [hashToken(token), userId, sessionId, expires],
  );
  return token;
}

async function signAccessToken(deps: SessionDeps, user: UserRow, sessionId: string) {
  const iat = Math.floor(deps.now() / 1000);
  const exp = iat + deps.expiresIn;
  const token = await new SignJWT({
    email: user.email,
    phone: '',
    role: 'authenticated',
    aal: 'aal1',
    session_id: sessionId,
    is_anonymous: false,
    app_metadata: user.raw_app_meta_data,
    user_metadata: user.raw_user_meta_data,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user.id)
    .setAudience(AUDIENCE)
    .setIssuer(deps.issuer)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(deps.jwtSecret));
  return { token, exp };
}

/** GoTrue's session response. */
export async function createSession(
  db: Queryable,
  deps: SessionDeps,
  user: UserRow,
  sessionId = deps.newId(),
) {
  const refresh = await storeRefreshToken(db, deps, user.id, sessionId);
  const { token, exp } = await signAccessToken(deps, user, sessionId);
  return {
    access_token: token,
    token_type: 'bearer',
    expires_in: deps.expiresIn,
    expires_at: exp,
    refresh_token: refresh,
    user: toGoTrueUser(user),
  };
}

function invalidRefresh(code: string, message: string): HttpError {
  return new HttpError(400, code, message);
}

type Rotation = { userId: string; sessionId: string } | { error: HttpError; ended?: string[] };

/**
 * Marks a refresh token used and returns its user and session. Errors are returned, not thrown, so the
 * caller commits the family revocation of a reused token (`ended`) before answering, and then notes it.
 */
export async function rotateRefreshToken(
  db: Queryable,
  deps: SessionDeps,
  token: string,
): Promise<Rotation> {
  const nowIso = new Date(deps.now()).toISOString();
  const rows = await db.query<{
    user_id: string;
    session_id: string;
    revoked: boolean;
    expired: boolean;
    within_reuse_interval: boolean;
  }>(
    `select user_id, session_id, revoked, expires_at < $2::timestamptz as expired,
            coalesce(rotated_at > $2::timestamptz - make_interval(secs => $3::int / 1000.0), false)
              as within_reuse_interval
       from tend_auth.refresh_tokens where token_hash = $1 for update`,
    [hashToken(token), nowIso, REUSE_INTERVAL_MS],
  );
  const row = rows[0];
  if (!row) {
    return {
      error: invalidRefresh(
        'refresh_token_not_found',
        'Invalid Refresh Token: Refresh Token Not Found',
      ),
    };
  }
  // A session that was ended (sign-out, reuse, disable, role or password change) is over, grace or not.
  if (await isSessionRevoked(db, row.session_id)) {
    return {
      error: invalidRefresh('session_not_found', 'Invalid Refresh Token: Session Revoked'),
    };
  }
  // Just exchanged (another tab or the service worker refreshing at the same moment): answer with a new
  // token of the same session, as GoTrue does. Later, a reuse means the token leaked.
  if (row.revoked && !row.within_reuse_interval) {
    return {
      error: invalidRefresh('refresh_token_already_used', 'Invalid Refresh Token: Already Used'),
      ended: await revokeSession(db, row.session_id),
    };
  }
  if (row.expired)
    return { error: invalidRefresh('session_expired', 'Invalid Refresh Token: Session Expired') };
  if (!row.revoked) {
    await db.query(
      'update tend_auth.refresh_tokens set revoked = true, rotated_at = $2 where token_hash = $1',
      [hashToken(token), nowIso],
    );
  }
  return { userId: row.user_id, sessionId: row.session_id };
}

/**
 * Ends one session at once: its refresh tokens die and its access tokens are refused by every server
 * instance within seconds (tend_auth.revoked_sessions, read by state/sessions.ts). Returns the session id.
 */
export async function revokeSession(db: Queryable, sessionId: string): Promise<string[]> {
  const rows = await db.query<{ session_id: string }>(
    `with ended as (
       update tend_auth.refresh_tokens set revoked = true where session_id = $1
       returning session_id, user_id
     )
     insert into tend_auth.revoked_sessions (session_id, user_id)
     select distinct session_id, user_id from ended
     on conflict (session_id) do nothing
     returning session_id`,
    [sessionId],
  );
  return rows.length > 0 ? rows.map((r) => r.session_id) : [sessionId];
}

/**
 * Ends every session of a user but `except` (the caller's own, on a password change or "sign out other
 * devices"): sign-out everywhere, an admin disabling the user or changing their role. Returns the ids.
 */
export async function revokeSessions(
  db: Queryable,
  userId: string,
  { except }: { except?: string } = {},
): Promise<string[]> {
  const rows = await db.query<{ session_id: string }>(
    `with ended as (
       update tend_auth.refresh_tokens set revoked = true
        where user_id = $1 and session_id is distinct from $2::text::uuid
       returning session_id, user_id
     )
     insert into tend_auth.revoked_sessions (session_id, user_id)
     select distinct session_id, user_id from ended
     on conflict (session_id) do nothing
     returning session_id`,
    [userId, except ?? null],
  );
  return rows.map((r) => r.session_id);
}

/** True once the session was revoked (sign-out, reuse, disable, role or password change). */
async function isSessionRevoked(db: Queryable, sessionId: string): Promise<boolean> {
  const rows = await db.query('select 1 from tend_auth.revoked_sessions where session_id = $1', [
    sessionId,
  ]);
  return rows.length > 0;
}

/** A session whose every refresh token is revoked is over (logged out or compromised). */
export async function isSessionActive(db: Queryable, sessionId: string): Promise<boolean> {
  const rows = await db.query(
    'select 1 from tend_auth.refresh_tokens where session_id = $1 and not revoked limit 1',
    [sessionId],
  );
  return rows.length > 0;
}
