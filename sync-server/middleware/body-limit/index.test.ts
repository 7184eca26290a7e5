import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createErrorHandler } from '../../errors';
import { createLogger } from '../../logging/logger';
import { limitBody } from './index';

function appWithLimit(maxSize: number) {
  const app = new Hono();
  app.onError(createErrorHandler(createLogger({ level: 'silent' })));
  app.post('/echo', limitBody(maxSize), async (c) => c.text(await c.req.text()));
  return app;
}

const stream = (chunks: number, size: number) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < chunks; i++)
        controller.enqueue(new TextEncoder().encode('y'.repeat(size)));
      controller.close();
    },
  });

describe('limitBody', () => {
  it('passes a body within the limit', async () => {
    const res = await appWithLimit(16).request('/echo', { method: 'POST', body: 'small' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('small');
  });

  it('answers 413 payload_too_large by Content-Length and by a stream that lies about it', async () => {
    const app = appWithLimit(1024);
    const byLength = await app.request('/echo', { method: 'POST', body: 'x'.repeat(2048) });
    expect(byLength.status).toBe(413);
    const lying = await app.request('/echo', {
      method: 'POST',
      headers: { 'content-length': '10', 'transfer-encoding': 'chunked' },
      body: stream(4, 512),
      duplex: 'half',
    } as RequestInit);
    expect(lying.status).toBe(413);
    const body = (await lying.json()) as { error: { code: string; details: unknown } };
    expect(body.error).toMatchObject({ code: 'payload_too_large', details: { maxBytes: 1024 } });
  });
});
