// The operations specification's access-control matrix as data. Endpoints name a permission; a role holds permissions. Tests check
// every role against every staff endpoint from this table, so a route and its rule cannot disagree silently.
import { STAFF_ROLES, type StaffRole } from './user';

export type Permission =
  | 'dashboard:read'
  | 'alerts:read'
  | 'logs:read'
  | 'users:read'
  | 'users:manage'
  | 'user_data:read'
  | 'analytics:read'
  | 'backups:manage'
  | 'database:manage'
  | 'audit:read';

/** The duties in the operations specification's words, kept beside the permissions they became. */
export const RBAC_MATRIX: Record<StaffRole, { duties: string[]; permissions: Permission[] }> = {
  admin: {
    duties: [
      'Full system access',
      'Production deployment',
      'Database management',
      'User management',
    ],
    permissions: [
      'dashboard:read',
      'alerts:read',
      'logs:read',
      'users:read',
      'users:manage',
      'user_data:read',
      'analytics:read',
      'backups:manage',
      'database:manage',
      'audit:read',
    ],
  },
  developer: {
    // Repository access and staging deployment live in GitHub and CI, not in this server.
    duties: [
      'Code repository access',
      'Staging deployment',
      'Read-only production logs',
      'Development database access',
    ],
    permissions: ['dashboard:read', 'alerts:read', 'logs:read'],
  },
  support: {
    // Ticket management lives in the support tool; here support reads a user's data through an audited endpoint.
    duties: ['User data read access', 'Support ticket management', 'Read-only analytics'],
    permissions: [
      'dashboard:read',
      'alerts:read',
      'user_data:read',
      'users:read',
      'analytics:read',
    ],
  },
  viewer: {
    duties: ['Read-only dashboard access', 'Public documentation'],
    permissions: ['dashboard:read'],
  },
};

export function rolesWith(permission: Permission): StaffRole[] {
  return STAFF_ROLES.filter((role) => RBAC_MATRIX[role].permissions.includes(permission));
}
