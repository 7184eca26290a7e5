// Parts owned by other engineers that createApp mounts: operations (health/detailed, metrics, cron,
// backups, admin) and the AI routes. Static imports, so the bundled server (scripts/start.mjs) includes them.
import type { Hono } from 'hono';
import type { AppContext } from './context';
import { installOps } from './ops/index';
import { createAiRoutes } from './routes/ai';

export interface Extensions {
  installOps?: (app: Hono, ctx: AppContext) => void;
  createAiRoutes?: (ctx: AppContext) => Hono;
}

export async function loadExtensions(): Promise<Extensions> {
  return { installOps: (app, ctx) => installOps(app, ctx), createAiRoutes };
}
