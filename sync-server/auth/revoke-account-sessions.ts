// Ends a user's sessions after an account change (password change, deletion), keeping the caller's own
// when `except` names it. The one place account features revoke sessions: the refresh tokens die, the
// sessions go into the shared revoked-session store (so access tokens are refused on every instance), and
// this instance's cache learns of them at once.
import type { AppContext } from '../context';
import type { Queryable } from '../db/types';
import { revokeSessions } from './sessions';

export async function revokeAccountSessions(
  ctx: Pick<AppContext, 'revokedSessions'>,
  db: Queryable,
  userId: string,
  options: { except?: string } = {},
): Promise<void> {
  const ids = await revokeSessions(db, userId, options);
  ctx.revokedSessions.noteRevoked(ids);
}
