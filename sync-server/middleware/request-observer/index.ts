// Every request: an X-Request-Id (the caller's if well-formed, a new one otherwise), its timing and status in
// the metrics window, and one `http`-level log line with the request's context fields.
import type { Context, MiddlewareHandler } from 'hono';
import type { AppContext, AppEnv } from '../../context';
import { nodeResponse } from '../node-response';

/** Where each request's timing goes (the request windows shared by every instance, state/request-windows.ts). */
interface RequestRecorder {
  record(sample: { at: number; durationMs: number; status: number; outage?: boolean }): void;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

const requestIds = new WeakMap<Request, string>();

/** The request id of the current request, for audit entries and logs written by handlers. */
export function getRequestId(c: Context): string | null {
  return requestIds.get(c.req.raw) ?? null;
}

/** The ids every log line about a request carries: request, user and session (as the request line does). */
export function requestLogFields(c: Context): {
  requestId: string | undefined;
  userId: string | undefined;
  sessionId: string | undefined;
} {
  const user = (c as Context<AppEnv>).get('user') as AppEnv['Variables']['user'] | undefined;
  const sessionId = user?.claims.session_id;
  return {
    requestId: getRequestId(c) ?? undefined,
    userId: user?.id,
    sessionId: typeof sessionId === 'string' ? sessionId : undefined,
  };
}

export function observeRequests(
  ctx: Pick<AppContext, 'logger' | 'newId' | 'now'>,
  window: RequestRecorder,
  clock: () => number = () => performance.now(),
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const given = c.req.header('x-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : ctx.newId();
    requestIds.set(c.req.raw, requestId);
    // Straight onto Node's response where there is one: going through c.res.headers turns the answer's plain
    // header object into a web Headers and back.
    const outgoing = nodeResponse(c);
    outgoing?.setHeader('X-Request-Id', requestId);
    const started = clock();
    await next();
    const durationMs = Math.round((clock() - started) * 100) / 100;
    const status = c.res.status;
    if (!outgoing) c.res.headers.set('X-Request-Id', requestId);
    // 503 + Retry-After is a dependency outage (the database is down), not this server's own error.
    const outage = status === 503 && c.res.headers.has('Retry-After');
    window.record({ at: ctx.now(), durationMs, status, outage });
    // Off at the default level (info): the line's fields are not even gathered then.
    if (!ctx.logger.isLevelEnabled('http')) return;
    ctx.logger.http(
      {
        ...requestLogFields(c),
        method: c.req.method,
        path: c.req.path,
        status,
        durationMs,
      },
      'request',
    );
  };
}
