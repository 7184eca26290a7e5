import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../context';
import { createLogger } from '../../logging/logger';
import { getRequestId, observeRequests } from './index';

function observed() {
  const lines: string[] = [];
  const samples: { at: number; durationMs: number; status: number }[] = [];
  const logger = createLogger({
    env: { NODE_ENV: 'test' },
    level: 'http',
    console: { write: (line: string) => lines.push(line) },
  });
  let ids = 0;
  const ctx = { logger, newId: () => `id-${++ids}`, now: () => 1000 };
  const app = new Hono<AppEnv>();
  app.use('*', observeRequests(ctx, { record: (s) => samples.push(s) }));
  app.get('/', (c) => c.json({ requestId: getRequestId(c) }));
  return { app, lines, samples };
}

describe('observeRequests', () => {
  it('gives each request an id, records its timing and logs one http line', async () => {
    const { app, lines, samples } = observed();
    const res = await app.request('/');
    expect(res.headers.get('x-request-id')).toBe('id-1');
    expect(await res.json()).toEqual({ requestId: 'id-1' });
    expect(samples).toEqual([expect.objectContaining({ at: 1000, status: 200 })]);
    const line = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(line).toMatchObject({ msg: 'request', requestId: 'id-1', method: 'GET', path: '/' });
  });

  it("keeps a well-formed caller's X-Request-Id and replaces a malformed one", async () => {
    const { app } = observed();
    const kept = await app.request('/', { headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers.get('x-request-id')).toBe('abc-123');
    const replaced = await app.request('/', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(replaced.headers.get('x-request-id')).toBe('id-1');
  });

  it('sends the id on a real socket and logs no line below its level', async () => {
    const lines: string[] = [];
    const logger = createLogger({
      env: { NODE_ENV: 'test' },
      level: 'info',
      console: { write: (line: string) => lines.push(line) },
    });
    const app = new Hono<AppEnv>();
    app.use(
      '*',
      observeRequests({ logger, newId: () => 'id-socket', now: () => 1000 }, { record: () => {} }),
    );
    app.get('/', (c) => c.json({ requestId: getRequestId(c) }));
    const http = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    try {
      const res = await fetch(`http://127.0.0.1:${(http.address() as AddressInfo).port}/`);
      expect(res.headers.get('x-request-id')).toBe('id-socket');
      expect(await res.json()).toEqual({ requestId: 'id-socket' });
      expect(lines).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => http.close(() => resolve()));
    }
  });
});
