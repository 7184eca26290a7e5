// GET /api/admin/analytics: totals over every user's tasks (support), from the task_statistics view.
import type { Hono } from 'hono';
import type { OpsRuntime } from '../runtime';
import { requirePermission } from '../../middleware/require-permission';
import type { AppEnv } from '../../context';

export function installAnalyticsRoute(app: Hono<AppEnv>, ops: OpsRuntime) {
  const { ctx } = ops;
  const db = ctx.db;

  app.get('/api/admin/analytics', requirePermission(ctx, 'analytics:read'), async (c) => {
    const [totals] = await db.query(
      `select count(*)::int as users, coalesce(sum(total), 0)::int as tasks, coalesce(sum(completed), 0)::int as completed,
              coalesce(sum(overdue), 0)::int as overdue, max(refreshed_at) as refreshed_at
         from public.task_statistics`,
    );
    return c.json({ totals });
  });
}
