// The sync protocol over HTTP: POST /push (a batch of mutations), GET /pull (changes since a cursor) and
// GET /events (live sync: a stream that says when to pull).
import { Hono } from 'hono';
import { isPushRequest, pullQuerySchema, pushRequestSchema } from '../../src/core/sync/protocol';
import { requireUser } from '../middleware/auth';
import type { AppContext, AppEnv } from '../context';
import { parseOr400 } from '../errors';
import { logTasksCreated } from '../logging/task-events';
import { readJson } from '../middleware/json-body';
import { announceCommitted } from '../live/announce';
import { createEventsHandler } from '../live/events-route';
import { parseCursor, pullChanges } from '../sync/pull';
import { pushAsUser } from '../sync/push';

export function createSyncRoutes(ctx: AppContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser(ctx));

  app.post('/push', async (c) => {
    const startedAt = performance.now();
    const body = await readJson(c, pushRequestSchema, isPushRequest);
    const user = c.get('user');
    const now = ctx.now();
    const result = await pushAsUser(ctx.db, user.claims, body.mutations, {
      clientId: body.clientId,
      now,
      maxDriftMs: ctx.config.maxClockDriftMs,
      beforeCommit: ctx.hooks?.beforePushCommit,
    });
    announceCommitted(ctx, user.id, result);
    logTasksCreated(ctx.logger, c, result, startedAt);
    if (result.rejected.length > 0) {
      ctx.logger.warn(
        { userId: user.id, rejected: result.rejected.length },
        'push rejected mutations',
      );
    }
    return c.json({
      applied: result.applied,
      rejected: result.rejected,
      serverTime: new Date(ctx.now()).toISOString(),
    });
  });

  app.get('/pull', async (c) => {
    const query = parseOr400(pullQuerySchema, c.req.query());
    const cursor = parseCursor(query.cursor);
    const result = await ctx.db.asUser(c.get('user').claims, (tx) =>
      pullChanges(tx, cursor, query.limit, { includeArchived: query.include === 'archived' }),
    );
    c.header('Cache-Control', 'no-store');
    return c.json(result);
  });

  app.get('/events', createEventsHandler(ctx));

  return app;
}
