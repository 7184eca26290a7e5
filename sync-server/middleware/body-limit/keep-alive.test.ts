// A body refused before it is read (413) leaves its bytes unread on the connection. Answered with
// `Connection: close`, the client opens a new connection for its next request; kept alive, the next
// request on that socket failed in Node's fetch (UND_ERR_SOCKET).
import { serve } from '@hono/node-server';
import type { ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer, TestUser } from '../../test/harness';
import { createTestServer, createTestUser } from '../../test/harness';

// The app's limits for /api/* and /auth/* (app.ts).
const MAX_API_BODY = 1024 * 1024;
const MAX_AUTH_BODY = 64 * 1024;

describe('requests over the body limit, on a real socket', () => {
  let server: TestServer;
  let http: ServerType;
  let base: string;
  let user: TestUser;

  beforeAll(async () => {
    server = await createTestServer('pglite', 'body_limit');
    user = await createTestUser();
    await new Promise<void>((resolve) => {
      http = serve({ fetch: server.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
    });
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => http.close(() => resolve()));
    await server.close();
  });

  const pull = () => fetch(`${base}/api/sync/pull`, { headers: user.headers });

  it.each([
    ['sync push', '/api/sync/push', MAX_API_BODY],
    ['sign-up', '/auth/v1/signup', MAX_AUTH_BODY],
  ])(
    'a %s body over the limit gets 413 with Connection: close, and the next request works',
    async (_name, path, max) => {
      // Warm a keep-alive connection, so the refused body and the next request share it.
      expect((await pull()).status).toBe(200);
      for (let round = 0; round < 3; round++) {
        const refused = await fetch(`${base}${path}`, {
          method: 'POST',
          headers: user.headers,
          body: JSON.stringify({ clientId: 'd', mutations: [], pad: 'x'.repeat(max + 1) }),
        });
        expect(refused.status).toBe(413);
        expect(refused.headers.get('connection')).toBe('close');
        expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
          'payload_too_large',
        );
        const next = await pull();
        expect(next.status).toBe(200);
        await next.json();
      }
    },
  );
});
