// POST /api/admin/maintenance (admin): runs the daily cleanup now, audited.
import type { Hono } from 'hono';
import type { OpsRuntime } from '../runtime';
import { requirePermission } from '../../middleware/require-permission';
import { getRequestId } from '../../middleware/request-observer';
import { recordAudit } from './audit-log';
import type { AppEnv } from '../../context';

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
