// Staff roles live in app_metadata.role (the profile trigger mirrors them into public.profiles). Only the
// operator's grant-role command, an admin, or ADMIN_EMAILS for a proven address set one; never sign-up.
import type { Queryable } from '../db/types';
import type { StaffRole } from './user';
import type { UserRow } from './users';

/** Sets (or, with null, removes) a user's staff role; returns false when no user has that id. */
export async function setStaffRole(
  db: Queryable,
  userId: string,
  role: StaffRole | null,
): Promise<boolean> {
  const rows = await db.query(
    `update auth.users
        set raw_app_meta_data = jsonb_strip_nulls(raw_app_meta_data || jsonb_build_object('role', $2::text)),
            updated_at = now()
      where id = $1
      returning id`,
    [userId, role],
  );
  return rows.length > 0;
}

/**
 * ADMIN_EMAILS names addresses whose owner becomes admin, so it applies only once a mailed link proved the
 * address, and never replaces a role already set.
 */
export async function grantRoleForProvenEmail(
  db: Queryable,
  user: Pick<UserRow, 'id' | 'email' | 'email_confirmed_at' | 'raw_app_meta_data'>,
  adminEmails: readonly string[],
): Promise<boolean> {
  if (!user.email_confirmed_at || user.raw_app_meta_data.role !== undefined) return false;
  if (!adminEmails.includes(user.email.toLowerCase())) return false;
  return setStaffRole(db, user.id, 'admin');
}
