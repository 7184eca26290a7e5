// requireUser: a valid bearer access token, or 401. requireRole: a staff role from app_metadata, or 403.
import type { MiddlewareHandler } from 'hono';
import type { AppContext, AppEnv } from '../../context';
import { HttpError } from '../../errors';
import type { StaffRole } from '../../auth/user';
import { staffRoleOf } from '../../auth/user';

export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m?.[1];
}

export function requireUser(ctx: Pick<AppContext, 'verifyToken'>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    if (!token) {
      throw new HttpError(401, 'unauthorized', 'Sign in first: missing bearer token', null, {
        'WWW-Authenticate': 'Bearer',
      });
    }
    const claims = await ctx.verifyToken(token);
    c.set('user', {
      id: claims.sub,
      email: typeof claims.email === 'string' ? claims.email : undefined,
      staffRole: staffRoleOf(claims.app_metadata),
      claims,
    });
    await next();
  };
}

/** Use after requireUser. */
export function requireRole(...roles: StaffRole[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.get('user');
    if (!user) throw new HttpError(401, 'unauthorized', 'Sign in first');
    if (!user.staffRole || !roles.includes(user.staffRole)) {
      throw new HttpError(403, 'forbidden', `Requires role: ${roles.join(' or ')}`);
    }
    await next();
  };
}
