// Supabase Auth (GoTrue) endpoints answered locally when no SUPABASE_URL is configured, so the client always
// talks through @supabase/supabase-js. Errors use GoTrue's body (error_code, msg), see errors.ts.
import { Hono } from 'hono';
import { z } from 'zod';
import { bearerToken } from '../middleware/auth';
import { isSafeJson, UNSAFE_TEXT_MESSAGE } from '../../src/core/safe-text';
import {
  hashPassword,
  passwordNeedsRehash,
  UNKNOWN_USER_HASH,
  verifyPassword,
} from '../auth/password';
import { emailSchema } from '../auth/email-address';
import { assertStrongPassword } from '../auth/password-policy';
import { sessionDeps } from '../auth/session-deps';
import type { SessionDeps } from '../auth/sessions';
import {
  createSession,
  isSessionActive,
  revokeSession,
  revokeSessions,
  rotateRefreshToken,
} from '../auth/sessions';
import {
  findUserByEmail,
  findUserById,
  insertUser,
  toGoTrueUser,
  touchSignIn,
} from '../auth/users';
import type { AppContext, AppEnv } from '../context';
import { mailSignUpConfirmation } from './auth-account';
import { HttpError } from '../errors';
import { readJson } from '../middleware/json-body';
import { clientAddress } from '../middleware/rate-limit/client-address';

export const signupSchema = z.object({
  email: emailSchema,
  password: z.string().max(256),
  data: z.record(z.string(), z.unknown()).refine(isSafeJson, UNSAFE_TEXT_MESSAGE).optional(),
});
export const passwordGrantSchema = z.object({ email: emailSchema, password: z.string().max(256) });
export const refreshGrantSchema = z.object({ refresh_token: z.string().min(1).max(512) });

export function createAuthRoutes(ctx: AppContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const limits = ctx.rateLimits;
  const deps = (): SessionDeps => sessionDeps(ctx);

  app.get('/settings', (c) =>
    c.json({
      external: { email: true },
      disable_signup: false,
      mailer_autoconfirm: true,
      phone_autoconfirm: false,
    }),
  );

  app.post('/signup', async (c) => {
    await limits.signup.hit(clientAddress(c, ctx.config));
    const body = await readJson(c, signupSchema);
    assertStrongPassword(body.password);
    // No role from sign-up, not even for ADMIN_EMAILS: that waits until a mailed link proves the address.
    const appMeta = { provider: 'email', providers: ['email'] };
    const passwordHash = await hashPassword(body.password);
    const { user, session } = await ctx.db.transaction(async (tx) => {
      const user = await insertUser(tx, {
        id: ctx.newId(),
        email: body.email,
        passwordHash,
        appMeta,
        // Whatever the client sends as user_metadata can never grant a role: roles live in app_metadata.
        userMeta: body.data ?? {},
      });
      if (!user) throw new HttpError(422, 'user_already_exists', 'User already registered');
      // Without auto-confirm GoTrue answers the bare user: no session until the mailed link is opened.
      if (!ctx.config.mailerAutoconfirm) return { user, session: null };
      return { user, session: await createSession(tx, deps(), user) };
    });
    await mailSignUpConfirmation(ctx, user);
    return c.json(session ?? toGoTrueUser(user), 200);
  });

  app.post('/token', async (c) => {
    const grant = c.req.query('grant_type');
    if (grant === 'password') {
      await limits.login.hit(clientAddress(c, ctx.config));
      const body = await readJson(c, passwordGrantSchema);
      // Per account whatever the address, so many addresses buy no more guesses; a back-off, not a lock, so
      // a stranger cannot shut the owner out for long. Counted before the check: a parallel burst gains nothing.
      await limits.loginBackoff.attempt(body.email);
      const user = await findUserByEmail(ctx.db, body.email);
      // Verify against a dummy hash when the user is unknown, so timing does not reveal which emails exist.
      const ok = await verifyPassword(body.password, user?.encrypted_password ?? UNKNOWN_USER_HASH);
      if (!user || !ok)
        throw new HttpError(400, 'invalid_credentials', 'Invalid login credentials');
      await limits.loginBackoff.succeeded(body.email);
      // An admin disabled this account (PATCH /api/admin/users/:id); GoTrue's code for it.
      if (user.raw_app_meta_data.disabled === true)
        throw new HttpError(400, 'user_banned', 'User is banned');
      if (!ctx.config.mailerAutoconfirm && !user.email_confirmed_at)
        throw new HttpError(400, 'email_not_confirmed', 'Email not confirmed');
      const upgraded = passwordNeedsRehash(user.encrypted_password)
        ? await hashPassword(body.password)
        : undefined;
      const session = await ctx.db.transaction(async (tx) => {
        await touchSignIn(tx, user.id, upgraded);
        return createSession(tx, deps(), user);
      });
      return c.json(session);
    }
    if (grant === 'refresh_token') {
      await limits.refresh.hit(clientAddress(c, ctx.config));
      const body = await readJson(c, refreshGrantSchema);
      const result = await ctx.db.transaction(async (tx) => {
        const rotation = await rotateRefreshToken(tx, deps(), body.refresh_token);
        if ('error' in rotation) return rotation;
        const user = await findUserById(tx, rotation.userId);
        if (!user)
          return { error: new HttpError(400, 'user_not_found', 'User from token not found') };
        // Disabled after this session began: no new token (the disable revoked it too, but a user
        // disabled by hand in the database has no revocation row).
        if (user.raw_app_meta_data.disabled === true)
          return { error: new HttpError(400, 'user_banned', 'User is banned') };
        return { session: await createSession(tx, deps(), user, rotation.sessionId) };
      });
      if ('error' in result) {
        // Committed by now: a reused token's session ends on every instance.
        if ('ended' in result && result.ended) await ctx.revokedSessions.noteRevoked(result.ended);
        throw result.error;
      }
      return c.json(result.session);
    }
    throw new HttpError(
      400,
      'unsupported_grant_type',
      'grant_type must be password or refresh_token',
    );
  });

  app.get('/user', async (c) => {
    const token = bearerToken(c.req.header('authorization'));
    if (!token)
      throw new HttpError(401, 'no_authorization', 'This endpoint requires a Bearer token');
    // GoTrue answers a revoked session here with 403 session_not_found (the API routes answer 401).
    const claims = await ctx.verifyToken(token).catch((error: unknown) => {
      if (error instanceof HttpError && error.code === 'session_not_found')
        throw new HttpError(403, error.code, 'Session from session_id claim in JWT does not exist');
      throw error;
    });
    const sessionId = typeof claims.session_id === 'string' ? claims.session_id : undefined;
    if (sessionId && !(await isSessionActive(ctx.db, sessionId))) {
      throw new HttpError(
        403,
        'session_not_found',
        'Session from session_id claim in JWT does not exist',
      );
    }
    const user = await findUserById(ctx.db, claims.sub);
    if (!user)
      throw new HttpError(403, 'user_not_found', 'User from sub claim in JWT does not exist');
    return c.json(toGoTrueUser(user));
  });

  app.post('/logout', async (c) => {
    const token = bearerToken(c.req.header('authorization'));
    if (!token)
      throw new HttpError(401, 'no_authorization', 'This endpoint requires a Bearer token');
    const claims = await ctx.verifyToken(token);
    const scope = c.req.query('scope') ?? 'global';
    const sessionId = typeof claims.session_id === 'string' ? claims.session_id : undefined;
    let ended: string[];
    if (scope === 'local' && sessionId) ended = await revokeSession(ctx.db, sessionId);
    else if (scope === 'others')
      ended = await revokeSessions(ctx.db, claims.sub, { except: sessionId });
    else ended = await revokeSessions(ctx.db, claims.sub);
    await ctx.revokedSessions.noteRevoked(ended);
    return c.body(null, 204);
  });

  return app;
}
