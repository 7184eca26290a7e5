// One-time account links (sign-up confirmation, password recovery, email change): a random token goes into
// the link, only its SHA-256 is stored, and consuming it deletes it, so a link works once and a copy of the
// database holds nothing that opens an account.
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/types';

export const ONE_TIME_TOKEN_TYPES = ['signup', 'recovery', 'email_change'] as const;
export type OneTimeTokenType = (typeof ONE_TIME_TOKEN_TYPES)[number];

/** GoTrue's default MAILER_OTP_EXP: one hour. */
export const ONE_TIME_TOKEN_TTL_MS = 60 * 60_000;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** A new token of this type for the user; earlier ones of the same type stop working. */
export async function issueOneTimeToken(
  db: Queryable,
  input: { userId: string; type: OneTimeTokenType; email: string; now: number },
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.query('delete from tend_auth.one_time_tokens where user_id = $1 and type = $2', [
    input.userId,
    input.type,
  ]);
  await db.query(
    `insert into tend_auth.one_time_tokens (token_hash, user_id, type, email, created_at, expires_at)
     values ($1, $2, $3, $4, $5, $6)`,
    [
      hashToken(token),
      input.userId,
      input.type,
      input.email,
      new Date(input.now).toISOString(),
      new Date(input.now + ONE_TIME_TOKEN_TTL_MS).toISOString(),
    ],
  );
  return token;
}

interface ConsumedToken {
  userId: string;
  email: string;
}

/** Deletes the token and returns whom it proves, or null when it is unknown, of another type or expired. */
export async function consumeOneTimeToken(
  db: Queryable,
  input: { token: string; type: OneTimeTokenType; now: number },
): Promise<ConsumedToken | null> {
  const rows = await db.query<{ user_id: string; email: string; expired: boolean }>(
    `delete from tend_auth.one_time_tokens where token_hash = $1 and type = $2
     returning user_id, email, expires_at <= $3::timestamptz as expired`,
    [hashToken(input.token), input.type, new Date(input.now).toISOString()],
  );
  const row = rows[0];
  if (!row || row.expired) return null;
  return { userId: row.user_id, email: row.email };
}
