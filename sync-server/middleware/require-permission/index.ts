// Who may call what: Vercel Cron's bearer CRON_SECRET for jobs, and staff permissions from the RBAC matrix
// (through the server's requireUser/requireRole, so tokens are verified in one place).
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { bearerToken, requireRole, requireUser } from '../auth';
import type { AppContext, AppEnv } from '../../context';
import { staffRoleOf } from '../../auth/user';
import { HttpError } from '../../errors';
import { rolesWith, type Permission } from '../../auth/rbac';

function isCronSecret(ctx: Pick<AppContext, 'secrets'>, header: string | undefined): boolean {
  const token = bearerToken(header);
  if (!token) return false;
  const a = Buffer.from(token);
  const b = Buffer.from(ctx.secrets.cronSecret);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function requireCronSecret(ctx: Pick<AppContext, 'secrets'>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!isCronSecret(ctx, c.req.header('authorization'))) {
      throw new HttpError(
        401,
        'unauthorized',
        'Cron endpoints need Authorization: Bearer $CRON_SECRET',
        null,
        {
          'WWW-Authenticate': 'Bearer',
        },
      );
    }
    await next();
  };
}

/** requireUser, then any role that holds the permission in the RBAC matrix. */
export function requirePermission(
  ctx: AppContext,
  permission: Permission,
): MiddlewareHandler<AppEnv> {
  const user = requireUser(ctx);
  const role = requireRole(...rolesWith(permission));
  return async (c, next) => {
    await user(c, async () => {
      await role(c, next);
    });
  };
}

/** The cron secret (for scrapers such as Prometheus) or a staff member allowed to read the dashboard. */
export function requireCronOrPermission(
  ctx: AppContext,
  permission: Permission,
): MiddlewareHandler<AppEnv> {
  const staff = requirePermission(ctx, permission);
  return async (c, next) => {
    if (isCronSecret(ctx, c.req.header('authorization'))) return next();
    await staff(c, next);
  };
}

/** The cron secret, or a valid token of any staff role: who may read operational details. */
export async function hasStaffOrCronCredentials(
  ctx: AppContext,
  header: string | undefined,
): Promise<boolean> {
  if (isCronSecret(ctx, header)) return true;
  const token = bearerToken(header);
  if (!token) return false;
  try {
    return staffRoleOf((await ctx.verifyToken(token)).app_metadata) !== null;
  } catch {
    return false;
  }
}
