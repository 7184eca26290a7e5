// GET /api/admin/audit: the newest entries of the staff audit trail (admin).
import type { Hono } from 'hono';
import { parseOr400 } from '../../errors';
import type { AppEnv } from '../../http/env';
import type { OpsRuntime } from '../runtime';
import { requirePermission } from '../routes/access';
import { readAudit } from './audit-log';
import { limitSchema } from './limit';

export function installAuditRoute(app: Hono<AppEnv>, ops: OpsRuntime) {
  const { ctx } = ops;
  const db = ctx.db;

  app.get('/api/admin/audit', requirePermission(ctx, 'audit:read'), async (c) =>
    c.json({ entries: await readAudit(db, parseOr400(limitSchema, c.req.query('limit'))) }),
  );
}
