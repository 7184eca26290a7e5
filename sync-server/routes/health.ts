// Liveness, shaped as the operations specification describes (docs/ops/monitoring.md); /health/detailed (database checks) belongs to operations.
import { Hono } from 'hono';
import type { AppContext } from '../context';

export function createHealthRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  app.get('/', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({
      status: 'healthy',
      timestamp: new Date(ctx.now()).toISOString(),
      uptime: process.uptime(),
      memory: process.memoryUsage(),
      version: ctx.config.appVersion,
    });
  });
  return app;
}
