// An account change that ends the user's sessions (password change, deletion), keeping the caller's own when
// `except` names it. The one place account features revoke sessions: in one transaction the change is made,
// the refresh tokens die and the sessions go into tend_auth.revoked_sessions; only once that transaction has
// committed are they announced (this instance's cache, and Redis when it holds the shared set), so a
// rollback never leaves a revocation that did not happen.
import type { AppContext } from '../context';
import type { Queryable } from '../db/types';
import { revokeSessions } from './sessions';

export async function revokeAccountSessions(
  ctx: Pick<AppContext, 'db' | 'revokedSessions'>,
  userId: string,
  change: (tx: Queryable) => Promise<void>,
  options: { except?: string } = {},
): Promise<void> {
  const ended = await ctx.db.transaction(async (tx) => {
    // First: the sessions are found through the refresh tokens, which the change may delete.
    const ended = await revokeSessions(tx, userId, options);
    await change(tx);
    return ended;
  });
  await ctx.revokedSessions.noteRevoked(ended);
}
