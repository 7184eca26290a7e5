// GET /api/admin/logs: the newest lines of LOG_DIR/combined.log at or above a level (developer), audited.
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { z } from 'zod';
import { parseOr400 } from '../../errors';
import type { OpsRuntime } from '../runtime';
import { requirePermission } from '../../middleware/require-permission';
import { getRequestId } from '../../middleware/request-observer';
import { recordAudit } from './audit-log';
import { limitSchema } from './limit';
import type { AppEnv } from '../../context';

/** The last lines of a log file, newest last, without reading a huge file whole. */
async function tailLines(path: string, maxBytes = 512 * 1024): Promise<string[]> {
  const { size } = await stat(path);
  const handle = await open(path, 'r');
  try {
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split('\n').filter(Boolean);
    return size > maxBytes ? lines.slice(1) : lines;
  } finally {
    await handle.close();
  }
}

/** The lowest pino level to return (30 info, 40 warn, 50 error); 0 returns every line. */
export const logLevelSchema = z.coerce.number().int().min(0).max(60).default(0);

export function installLogsRoute(app: Hono<AppEnv>, ops: OpsRuntime) {
  const { ctx, settings } = ops;
  const db = ctx.db;

  app.get('/api/admin/logs', requirePermission(ctx, 'logs:read'), async (c) => {
    const limit = parseOr400(limitSchema, c.req.query('limit'));
    const minLevel = parseOr400(logLevelSchema, c.req.query('level'));
    if (!settings.logDir) {
      return c.json({
        configured: false,
        message: 'LOG_DIR is not set: logs go to the platform log stream',
        lines: [],
      });
    }
    let lines: string[];
    try {
      lines = await tailLines(join(settings.logDir, 'combined.log'));
    } catch {
      lines = [];
    }
    const entries = lines
      .map((l) => {
        try {
          return JSON.parse(l) as { level?: number };
        } catch {
          return null;
        }
      })
      .filter((e): e is { level?: number } => e !== null && (e.level ?? 0) >= minLevel)
      .slice(-limit);
    await recordAudit(db, {
      actor: c.get('user'),
      action: 'logs.read',
      requestId: getRequestId(c),
      details: { count: entries.length },
    });
    return c.json({ configured: true, lines: entries });
  });
}
