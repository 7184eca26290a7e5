// The links the built-in auth mails (or an admin hands out): sign-up confirmation, password recovery and
// email change. Each is a one-time token behind GoTrue's GET /auth/v1/verify; consuming it proves the
// address, which is what lets ADMIN_EMAILS grant a role.
import type { AppContext } from '../context';
import type { Queryable } from '../db/types';
import { HttpError } from '../errors';
import type { OneTimeTokenType } from './one-time-tokens';
import { consumeOneTimeToken, issueOneTimeToken } from './one-time-tokens';
import { grantRoleForProvenEmail } from './roles';
import type { UserRow } from './users';
import { findUserByEmail, findUserById } from './users';

/** Each link's mail: its subject, and the line before the link. */
const ACCOUNT_MAILS: Record<OneTimeTokenType, { subject: string; lead: string }> = {
  signup: {
    subject: 'Confirm your email address for Tend',
    lead: 'Open this link to confirm that this address belongs to your Tend account:',
  },
  recovery: {
    subject: 'Reset your Tend password',
    lead: 'Someone (hopefully you) asked to reset the password of your Tend account. Open this link to choose a new one:',
  },
  email_change: {
    subject: 'Confirm your new email address for Tend',
    lead: 'Open this link to use this address for your Tend account from now on:',
  },
};

export function smtpNotConfigured(): HttpError {
  return new HttpError(
    422,
    'smtp_not_configured',
    'This server cannot send email (SMTP_URL is not set). Ask its operator for a password reset link.',
  );
}

function linkExpired(): HttpError {
  return new HttpError(403, 'otp_expired', 'Email link is invalid or has expired');
}

/** GoTrue's confirmation URL: the verify endpoint, which signs the user in and returns to Settings. */
function accountLinkUrl(siteUrl: string, type: OneTimeTokenType, token: string): string {
  const url = new URL('/auth/v1/verify', siteUrl);
  url.searchParams.set('token', token);
  url.searchParams.set('type', type);
  url.searchParams.set('redirect_to', `${siteUrl}/settings`);
  return url.href;
}

/** Issues a link for `email` (the new address for an email change) and returns its URL. */
export async function createAccountLink(
  ctx: AppContext,
  input: { userId: string; type: OneTimeTokenType; email: string; siteUrl: string },
): Promise<string> {
  const token = await issueOneTimeToken(ctx.db, { ...input, now: ctx.now() });
  return accountLinkUrl(input.siteUrl, input.type, token);
}

/** Mails a link; outside any transaction, so a slow SMTP server holds no database connection. */
export async function mailAccountLink(
  ctx: AppContext,
  input: { userId: string; type: OneTimeTokenType; email: string },
): Promise<void> {
  const { mailer } = ctx;
  const siteUrl = ctx.config.siteUrl;
  if (!mailer || !siteUrl) throw smtpNotConfigured();
  const link = await createAccountLink(ctx, { ...input, siteUrl });
  const { subject, lead } = ACCOUNT_MAILS[input.type];
  await mailer.send({
    to: input.email,
    subject,
    text: `${lead}\n\n${link}\n\nThe link works once, within an hour. If you did not ask for it, ignore this message.\n`,
  });
}

/**
 * Consumes a link and applies it: the address counts as proven, an email change takes effect, and
 * ADMIN_EMAILS may grant its role. Returns the user as it now is.
 */
export async function verifyAccountLink(
  tx: Queryable,
  ctx: AppContext,
  type: OneTimeTokenType,
  token: string,
): Promise<UserRow> {
  const consumed = await consumeOneTimeToken(tx, { token, type, now: ctx.now() });
  if (!consumed) throw linkExpired();
  const user = await findUserById(tx, consumed.userId);
  if (!user) throw linkExpired();
  if (user.raw_app_meta_data.disabled === true) {
    throw new HttpError(403, 'user_banned', 'User is banned');
  }
  const nowIso = new Date(ctx.now()).toISOString();
  if (type === 'email_change') {
    const holder = await findUserByEmail(tx, consumed.email);
    if (holder && holder.id !== user.id) {
      throw new HttpError(
        422,
        'email_exists',
        'A user with this email address has already been registered',
      );
    }
    await tx.query(
      'update auth.users set email = $2, email_confirmed_at = $3, updated_at = $3 where id = $1',
      [user.id, consumed.email, nowIso],
    );
  } else {
    // A link mailed to an address the account no longer uses proves nothing about the current one.
    if (consumed.email !== user.email.toLowerCase()) throw linkExpired();
    await tx.query(
      'update auth.users set email_confirmed_at = coalesce(email_confirmed_at, $2) where id = $1',
      [user.id, nowIso],
    );
  }
  const proven = (await findUserById(tx, user.id))!;
  if (await grantRoleForProvenEmail(tx, proven, ctx.config.adminEmails)) {
    return (await findUserById(tx, user.id))!;
  }
  return proven;
}
