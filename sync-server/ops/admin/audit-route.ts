// GET /api/admin/audit: the newest entries of the staff audit trail (admin).
import type { Hono } from 'hono';
import { parseOr400 } from '../../errors';
import type { OpsRuntime } from '../runtime';
import { requirePermission } from '../../middleware/require-permission';
import { readAudit } from './audit-log';
import { limitSchema } from './limit';
import type { AppEnv } from '../../context';

export function installAuditRoute(app: Hono<AppEnv>, ops: OpsRuntime) {
  const { ctx } = ops;
  const db = ctx.db;

  app.get('/api/admin/audit', requirePermission(ctx, 'audit:read'), async (c) =>
    c.json({ entries: await readAudit(db, parseOr400(limitSchema, c.req.query('limit'))) }),
  );
}
