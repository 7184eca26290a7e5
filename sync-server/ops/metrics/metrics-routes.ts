// GET /api/metrics (staff JSON dashboard), GET /metrics (Prometheus text for a scraper holding CRON_SECRET, or
// staff), POST /api/telemetry/ai (opted-in clients' AI numbers), GET /api/alerts (rule states, evaluated now).
import type { Hono } from 'hono';
import { readJson } from '../../middleware/json-body';
import { clientAddress } from '../../middleware/rate-limit/client-address';
import { evaluateAlerts } from '../alerts/evaluate';
import { ALERT_RULES } from '../alerts/rules';
import { aiTelemetryBatchSchema } from './ai-telemetry';
import { snapshotToPrometheus } from './prometheus';
import type { OpsRuntime } from '../runtime';
import { requireCronOrPermission, requirePermission } from '../../middleware/require-permission';
import type { AppEnv } from '../../context';

export function installMetricsRoutes(app: Hono<AppEnv>, ops: OpsRuntime) {
  const { ctx } = ops;
  app.get('/api/metrics', requirePermission(ctx, 'dashboard:read'), async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await ops.snapshot());
  });

  app.get('/metrics', requireCronOrPermission(ctx, 'dashboard:read'), async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.body(snapshotToPrometheus(await ops.instanceSnapshot(), ops.instanceId), 200, {
      'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
    });
  });

  // Telemetry may come from signed-out devices too, so it is rate limited per address instead of authenticated.
  app.post('/api/telemetry/ai', async (c) => {
    await ctx.rateLimits.telemetry.hit(clientAddress(c, ctx.config));
    const { events } = await readJson(c, aiTelemetryBatchSchema);
    ops.ai.record(events, ctx.now());
    return c.json({ accepted: events.length }, 202);
  });

  app.get('/api/alerts', requirePermission(ctx, 'alerts:read'), async (c) => {
    const current = evaluateAlerts(ALERT_RULES, await ops.snapshot());
    const states = new Map((await ops.alerts.state()).map((s) => [s.id, s]));
    c.header('Cache-Control', 'no-store');
    return c.json({
      evaluatedAt: new Date(ctx.now()).toISOString(),
      alerts: current.map((a) => ({
        ...a,
        firingSince: states.get(a.id)?.firingSince ?? null,
        lastNotifiedAt: states.get(a.id)?.lastNotifiedAt ?? null,
      })),
    });
  });

  app.get('/api/alerts/rules', requirePermission(ctx, 'alerts:read'), (c) =>
    c.json({
      rules: ALERT_RULES.map(({ read: _read, ...rule }) => rule),
    }),
  );
}
