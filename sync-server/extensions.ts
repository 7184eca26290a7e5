// Optional parts owned by other engineers, loaded when their files exist:
// ops (health/detailed, metrics, cron, backups, admin) and the AI routes.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import type { AppContext } from './context';

export interface Extensions {
  installOps?: (app: Hono, ctx: AppContext) => void;
  createAiRoutes?: (ctx: AppContext) => Hono;
}

function exists(relative: string): boolean {
  return existsSync(fileURLToPath(new URL(relative, import.meta.url)));
}

export async function loadExtensions(): Promise<Extensions> {
  const ext: Extensions = {};
  // Dynamic specifiers through a variable, so a missing file is not a type error before it lands.
  const opsPath = './ops/index.ts';
  const aiPath = './routes/ai.ts';
  if (exists(opsPath)) {
    const mod = (await import(opsPath)) as Partial<Extensions>;
    ext.installOps = mod.installOps;
  }
  if (exists(aiPath)) {
    const mod = (await import(aiPath)) as Partial<Extensions>;
    ext.createAiRoutes = mod.createAiRoutes;
  }
  return ext;
}
