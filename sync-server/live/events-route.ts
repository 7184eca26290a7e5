// GET /api/sync/events: a Server-Sent Events stream that says "your data changed, sequence N" after every
// commit of the caller's data on any instance. Authenticated by the bearer header like every sync route
// (never a token in the URL, where logs keep it). Where streams cannot run (serverless hosts), it answers
// 503 live_unavailable and clients poll instead.
import type { Handler } from 'hono';
import type { AppContext, AppEnv } from '../context';
import { HttpError } from '../errors';
import { LiveRefusedError } from './hub';

async function readSeq(ctx: AppContext, claims: AppEnv['Variables']['user']['claims']) {
  const rows = await ctx.db.asUser(claims, (tx) =>
    tx.query<{ seq: string | number }>(
      'select seq from public.sync_state where owner = auth.uid()',
    ),
  );
  return Number(rows[0]?.seq ?? 0);
}

function liveUnavailable(): HttpError {
  return new HttpError(
    503,
    'live_unavailable',
    'Live updates are not available on this server: poll /api/sync/pull instead',
    null,
    { 'Retry-After': '300' },
  );
}

export function createEventsHandler(ctx: AppContext): Handler<AppEnv> {
  return async (c) => {
    if (!ctx.live) throw liveUnavailable();
    const user = c.get('user');
    const exp = Number(user.claims.exp);
    let body: ReadableStream<Uint8Array>;
    try {
      body = await ctx.live.open({
        owner: user.id.toLowerCase(),
        expiresAt: Number.isFinite(exp) ? exp * 1000 : ctx.now(),
        currentSeq: () => readSeq(ctx, user.claims),
      });
    } catch (error) {
      if (!(error instanceof LiveRefusedError)) throw error;
      const refusal = error.refusal;
      if (refusal.code === 'live_unavailable') throw liveUnavailable();
      throw new HttpError(
        429,
        'too_many_streams',
        refusal.scope === 'user'
          ? `At most ${refusal.limit} live streams per user: close another tab or device`
          : 'This server holds as many live streams as it may: poll until it has room',
        { scope: refusal.scope, limit: refusal.limit },
        { 'Retry-After': String(refusal.retryAfterSeconds) },
      );
    }
    return new Response(body, {
      headers: {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        // nginx and similar proxies would otherwise hold the events back in their buffers.
        'X-Accel-Buffering': 'no',
      },
    });
  };
}
