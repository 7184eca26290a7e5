// POST /api/admin/users/:id/recovery-link: a one-time password reset link an admin hands to a user when
// the server cannot mail it (no SMTP_URL). Audited; the link itself is shown once and never logged.
import type { Hono } from 'hono';
import { z } from 'zod';
import { createAccountLink } from '../../auth/account-links';
import { ONE_TIME_TOKEN_TTL_MS } from '../../auth/one-time-tokens';
import { findUserById } from '../../auth/users';
import type { AppEnv } from '../../context';
import { HttpError, parseOr400 } from '../../errors';
import { getRequestId } from '../../middleware/request-observer';
import { requirePermission } from '../../middleware/require-permission';
import type { OpsRuntime } from '../runtime';
import { recordAudit } from './audit-log';

export function installRecoveryLinkRoute(app: Hono<AppEnv>, ops: OpsRuntime) {
  const { ctx } = ops;
  app.post(
    '/api/admin/users/:id/recovery-link',
    requirePermission(ctx, 'users:manage'),
    async (c) => {
      if (!ctx.localAuth) {
        throw new HttpError(
          422,
          'managed_by_supabase_auth',
          'Accounts are managed by Supabase Auth: send the reset from its dashboard',
        );
      }
      const id = parseOr400(z.uuid(), c.req.param('id'));
      const user = await findUserById(ctx.db, id);
      if (!user) throw new HttpError(404, 'not_found', 'No such user');
      const siteUrl = ctx.config.siteUrl ?? new URL(c.req.url).origin;
      const link = await createAccountLink(ctx, {
        userId: user.id,
        type: 'recovery',
        email: user.email,
        siteUrl,
      });
      await recordAudit(ctx.db, {
        actor: c.get('user'),
        action: 'users.recovery_link',
        subject: user.id,
        requestId: getRequestId(c),
      });
      c.header('Cache-Control', 'no-store');
      return c.json({
        link,
        email: user.email,
        expires_at: new Date(ctx.now() + ONE_TIME_TOKEN_TTL_MS).toISOString(),
      });
    },
  );
}
