// What both hosts (main.ts on Node, vercel.ts as a Function) serve: the app on a context that keeps the
// audit log in its database, with the operations side installed.
import type { Hono } from 'hono';
import { createApp } from './app';
import { createContext } from './context';
import type { AppContext, AppEnv } from './context';
import { recordAudit } from './ops/admin/audit-log';
import { installOps } from './ops/index';

export function createHostedApp(parts: Omit<Parameters<typeof createContext>[0], 'audit'>): {
  app: Hono<AppEnv>;
  ctx: AppContext;
} {
  const ctx = createContext({ ...parts, audit: (entry) => recordAudit(parts.db, entry) });
  return { app: createApp(ctx, { installOperations: (app) => installOps(app, ctx) }), ctx };
}
