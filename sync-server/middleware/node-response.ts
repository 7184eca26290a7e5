// Node's own response object, where the app runs under @hono/node-server (its HttpBindings). Headers every
// answer carries can go straight onto it before the app answers; Node merges them with the answer's own.
import type { ServerResponse } from 'node:http';
import type { Context } from 'hono';

/** Node's response for this request; undefined on Vercel and in app.request(). */
export function nodeResponse(c: Context): ServerResponse | undefined {
  const outgoing = (c.env as { outgoing?: unknown } | undefined)?.outgoing;
  return outgoing && typeof (outgoing as ServerResponse).setHeader === 'function'
    ? (outgoing as ServerResponse)
    : undefined;
}
