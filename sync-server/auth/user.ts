// The authenticated caller as routes see it, and the staff roles (defined here once; ops/rbac.ts maps them to
// permissions).
import type { Claims } from '../db/types';

export const STAFF_ROLES = ['admin', 'developer', 'support', 'viewer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface AuthUser {
  id: string;
  email: string | undefined;
  /** Staff role from app_metadata.role only (never user_metadata), or null for an ordinary user. */
  staffRole: StaffRole | null;
  claims: Claims;
}

export function staffRoleOf(appMetadata: unknown): StaffRole | null {
  const role = (appMetadata as { role?: unknown } | undefined)?.role;
  return typeof role === 'string' && (STAFF_ROLES as readonly string[]).includes(role)
    ? (role as StaffRole)
    : null;
}
