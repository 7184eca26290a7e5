// Ends a user's sessions after an account change (password change, deletion), keeping the caller's own
// when `except` names it. The one place account features revoke sessions, so a shared revoked-session
// store has one call to join.
import type { Queryable } from '../db/types';
import { revokeUserSessions } from './sessions';

export async function revokeAccountSessions(
  db: Queryable,
  userId: string,
  options: { except?: string } = {},
): Promise<void> {
  await revokeUserSessions(db, userId, options.except);
}
