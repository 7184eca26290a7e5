// The account side of the built-in GoTrue-compatible auth: password recovery (POST /recover), confirmation
// resend (POST /resend), mailed links (GET and POST /verify) and changes to the signed-in user (PUT /user:
// password, email with confirmation, user_metadata). Mounted beside routes/auth.ts under /auth/v1.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import type { OneTimeTokenType } from '../auth/one-time-tokens';
import { ONE_TIME_TOKEN_TYPES } from '../auth/one-time-tokens';
import { mailAccountLink, smtpNotConfigured, verifyAccountLink } from '../auth/account-links';
import { emailSchema } from '../auth/email-address';
import { hashPassword, verifyPassword } from '../auth/password';
import { MAX_PASSWORD_LENGTH, assertStrongPassword } from '../auth/password-policy';
import { revokeAccountSessions } from '../auth/revoke-account-sessions';
import { sessionDeps } from '../auth/session-deps';
import { createSession, isSessionActive } from '../auth/sessions';
import { findUserByEmail, findUserById, toGoTrueUser } from '../auth/users';
import type { UserRow } from '../auth/users';
import type { AppContext, AppEnv } from '../context';
import type { Queryable } from '../db/types';
import { HttpError } from '../errors';
import { requireUser } from '../middleware/auth';
import { readJson } from '../middleware/json-body';
import { clientAddress } from '../middleware/rate-limit/client-address';

export const tokenSchema = z.string().min(16).max(256);
export const typeSchema = z.enum(ONE_TIME_TOKEN_TYPES);

export const recoverSchema = z.object({ email: emailSchema });
export const resendSchema = z.object({ type: z.literal('signup'), email: emailSchema });
// supabase-js sends `token_hash` for a link's token; GoTrue's own links carry it as `token`.
export const verifySchema = z
  .object({ type: typeSchema, token_hash: tokenSchema.optional(), token: tokenSchema.optional() })
  .refine((b) => b.token_hash ?? b.token, { message: 'Verify requires a token' });
export const userUpdateSchema = z.object({
  email: emailSchema.optional(),
  password: z.string().max(MAX_PASSWORD_LENGTH).optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});

/** Where GET /verify may send the browser: the app's own origin only, never an address from the link. */
function redirectTarget(ctx: AppContext, c: Context, requested: string | undefined): URL {
  const site = new URL(ctx.config.siteUrl ?? new URL(c.req.url).origin);
  try {
    const url = new URL(requested ?? '');
    if (url.origin === site.origin) return url;
  } catch {
    // Not a URL: the app's start page.
  }
  return new URL('/', site);
}

/** After a sign-up: mail a confirmation link when mail works; a failure is logged, sign-up stands. */
export async function mailSignUpConfirmation(ctx: AppContext, user: UserRow): Promise<void> {
  if (!ctx.mailer) return;
  try {
    await mailAccountLink(ctx, { userId: user.id, type: 'signup', email: user.email });
  } catch (error) {
    ctx.logger.warn({ err: error, user: user.id }, 'could not mail the sign-up confirmation');
  }
}

export function createAccountAuthRoutes(ctx: AppContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const limits = ctx.rateLimits;

  /** Mail to an address: limited per client and per address mailed, so nobody floods an inbox. */
  async function limitMail(c: Context, email: string) {
    await limits.recovery.hit(clientAddress(c, ctx.config));
    await limits.recoveryAccount.hit(email);
  }

  async function verify(type: OneTimeTokenType, token: string) {
    return ctx.db.transaction(async (tx) => {
      const user = await verifyAccountLink(tx, ctx, type, token);
      return createSession(tx, sessionDeps(ctx), user);
    });
  }

  app.post('/recover', async (c) => {
    const { email } = await readJson(c, recoverSchema);
    await limitMail(c, email);
    if (!ctx.mailer) throw smtpNotConfigured();
    const user = await findUserByEmail(ctx.db, email);
    // The same answer whether or not the address has an account, so it reveals nothing.
    if (user && user.raw_app_meta_data.disabled !== true) {
      await mailAccountLink(ctx, { userId: user.id, type: 'recovery', email: user.email });
    }
    return c.json({});
  });

  app.post('/resend', async (c) => {
    const { email } = await readJson(c, resendSchema);
    await limitMail(c, email);
    if (!ctx.mailer) throw smtpNotConfigured();
    const user = await findUserByEmail(ctx.db, email);
    if (user && !user.email_confirmed_at) {
      await mailAccountLink(ctx, { userId: user.id, type: 'signup', email: user.email });
    }
    return c.json({});
  });

  app.post('/verify', async (c) => {
    await limits.verify.hit(clientAddress(c, ctx.config));
    const body = await readJson(c, verifySchema);
    return c.json(await verify(body.type, (body.token_hash ?? body.token)!));
  });

  // The link in the mail: verify, then back to the app with the session (or the error) in the fragment,
  // as GoTrue's implicit flow does, so the tokens never reach a server log.
  app.get('/verify', async (c) => {
    const target = redirectTarget(ctx, c, c.req.query('redirect_to'));
    const type = typeSchema.safeParse(c.req.query('type'));
    const token = tokenSchema.safeParse(c.req.query('token'));
    const fragment = new URLSearchParams();
    try {
      await limits.verify.hit(clientAddress(c, ctx.config));
      if (!type.success || !token.success)
        throw new HttpError(400, 'validation_failed', 'Verify requires a token and a type');
      const session = await verify(type.data, token.data);
      fragment.set('access_token', session.access_token);
      fragment.set('token_type', session.token_type);
      fragment.set('expires_in', String(session.expires_in));
      fragment.set('expires_at', String(session.expires_at));
      fragment.set('refresh_token', session.refresh_token);
      fragment.set('type', type.data);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      fragment.set('error', error.status === 403 ? 'access_denied' : 'invalid_request');
      fragment.set('error_code', error.code);
      fragment.set('error_description', error.message);
    }
    target.hash = fragment.toString();
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    return c.redirect(target.href, 303);
  });

  app.put('/user', requireUser(ctx), async (c) => {
    const caller = c.get('user');
    const sessionId =
      typeof caller.claims.session_id === 'string' ? caller.claims.session_id : undefined;
    if (sessionId && !(await isSessionActive(ctx.db, sessionId))) {
      throw new HttpError(
        403,
        'session_not_found',
        'Session from session_id claim in JWT does not exist',
      );
    }
    const body = await readJson(c, userUpdateSchema);
    const user = await findUserById(ctx.db, caller.id);
    if (!user)
      throw new HttpError(403, 'user_not_found', 'User from sub claim in JWT does not exist');
    const newEmail =
      body.email !== undefined && body.email !== user.email.toLowerCase() ? body.email : undefined;
    if (newEmail) {
      if (!ctx.mailer) throw smtpNotConfigured();
      if (await findUserByEmail(ctx.db, newEmail)) {
        throw new HttpError(
          422,
          'email_exists',
          'A user with this email address has already been registered',
        );
      }
    }
    let passwordHash: string | undefined;
    if (body.password !== undefined) {
      assertStrongPassword(body.password);
      if (await verifyPassword(body.password, user.encrypted_password)) {
        throw new HttpError(
          422,
          'same_password',
          'New password should be different from the old password.',
        );
      }
      passwordHash = await hashPassword(body.password);
    }
    const updateMetadata = async (tx: Queryable) => {
      if (!body.data) return;
      await tx.query(
        'update auth.users set raw_user_meta_data = raw_user_meta_data || $2::text::jsonb, updated_at = now() where id = $1',
        [user.id, JSON.stringify(body.data)],
      );
    };
    if (passwordHash) {
      // A new password ends every other session and voids recovery links already mailed.
      await revokeAccountSessions(
        ctx,
        user.id,
        async (tx) => {
          await tx.query(
            'update auth.users set encrypted_password = $2, updated_at = now() where id = $1',
            [user.id, passwordHash],
          );
          await tx.query(
            "delete from tend_auth.one_time_tokens where user_id = $1 and type = 'recovery'",
            [user.id],
          );
          await updateMetadata(tx);
        },
        { except: sessionId },
      );
    } else {
      await ctx.db.transaction(updateMetadata);
    }
    let emailChangeSentAt: string | undefined;
    if (newEmail) {
      // The address changes only when the link mailed to it is opened.
      await mailAccountLink(ctx, { userId: user.id, type: 'email_change', email: newEmail });
      emailChangeSentAt = new Date(ctx.now()).toISOString();
    }
    const updated = (await findUserById(ctx.db, user.id))!;
    return c.json({
      ...toGoTrueUser(updated),
      ...(newEmail ? { new_email: newEmail, email_change_sent_at: emailChangeSentAt } : {}),
    });
  });

  return app;
}
