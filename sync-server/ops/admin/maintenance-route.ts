// POST /api/admin/maintenance (admin): runs the daily cleanup now, audited.
import type { Hono } from 'hono';
import type { AppEnv } from '../../http/env';
import type { OpsRuntime } from '../runtime';
import { requirePermission } from '../routes/access';
import { getRequestId } from '../routes/observe';
import { recordAudit } from './audit-log';

export function installMaintenanceRoute(app: Hono<AppEnv>, ops: OpsRuntime) {
  const { ctx } = ops;
  const db = ctx.db;

  app.post('/api/admin/maintenance', requirePermission(ctx, 'database:manage'), async (c) => {
    const { report } = await ops.runJob('daily-cleanup');
    await recordAudit(db, {
      actor: c.get('user'),
      action: 'maintenance.run',
      requestId: getRequestId(c),
    });
    return c.json({ report });
  });
}
