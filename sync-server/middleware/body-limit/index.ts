// Hono's body limit, counted on the stream as well as Content-Length, answering 413 in the server's error shape.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HttpError } from '../../errors';

export function limitBody(maxSize: number): MiddlewareHandler {
  const refuse = (): never => {
    // The body is refused unread: its bytes would be taken for the next request on a kept-alive
    // connection, so this one ends here and the client opens a new one.
    throw new HttpError(
      413,
      'payload_too_large',
      `Request body exceeds ${maxSize} bytes`,
      { maxBytes: maxSize },
      { Connection: 'close' },
    );
  };
  const counted = bodyLimit({ maxSize, onError: refuse });
  return async (c, next) => {
    // A declared length is enforced by Node's HTTP parser (the bytes after it are the next request), as
    // Hono's own check trusts it. Checked here from the header alone: Hono's reads `c.req.raw.body`, which
    // turns @hono/node-server's lightweight request into a full web Request with a stream, about a tenth
    // of a one-mutation push's CPU; left alone, `c.req.json()` reads the Node request directly.
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length && /^\d+$/.test(length) && c.req.header('transfer-encoding') === undefined) {
      if (Number(length) > maxSize) refuse();
      return next();
    }
    return counted(c, next);
  };
}
