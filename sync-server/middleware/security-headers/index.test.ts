import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { securityHeaders } from './index';
import { securityHeaderEntries } from './policy';

/** The Content-Security-Policy among the headers the policy sends. */
function cspOf(config: Parameters<typeof securityHeaderEntries>[0]): string | undefined {
  return new Map(securityHeaderEntries(config, { https: false })).get('Content-Security-Policy');
}

describe('security headers', () => {
  it('sets the headers, and HSTS only over https', async () => {
    const app = new Hono();
    app.use('*', securityHeaders(loadConfig({})));
    app.get('/', (c) => c.text('ok'));
    const plain = await app.request('/');
    expect(plain.headers.get('x-frame-options')).toBe('DENY');
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    const secure = await app.request('https://tend.example/');
    expect(secure.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });

  it('sets the same headers on a real socket, on errors and streams too; a route may send its own value', async () => {
    const app = new Hono();
    app.use('*', securityHeaders(loadConfig({})));
    app.onError((_error, c) => c.json({ error: 'boom' }, 500));
    app.get('/json', (c) => c.json({ ok: true }));
    app.get('/stream', (c) => c.body(new Blob(['a', 'b']).stream()));
    app.get('/fails', () => {
      throw new Error('boom');
    });
    app.get('/own', (c) => {
      c.header('Referrer-Policy', 'no-referrer');
      return c.redirect('/json', 303);
    });
    const http = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    try {
      const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
      for (const path of ['/json', '/stream', '/fails', '/missing']) {
        const [socket, inProcess] = [
          await fetch(base + path, { redirect: 'manual' }),
          await app.request(path),
        ];
        for (const [name, value] of securityHeaderEntries(loadConfig({}), { https: false })) {
          expect(socket.headers.get(name), `${path} ${name}`).toBe(value);
          expect(inProcess.headers.get(name), `${path} ${name} in process`).toBe(value);
        }
        expect(socket.headers.get('strict-transport-security')).toBeNull();
        await socket.arrayBuffer();
      }
      const own = await fetch(`${base}/own`, { redirect: 'manual' });
      expect(own.status).toBe(303);
      expect(own.headers.get('referrer-policy')).toBe('no-referrer');
      expect(own.headers.get('x-frame-options')).toBe('DENY');
      expect((await app.request('/own')).headers.get('referrer-policy')).toBe('no-referrer');
    } finally {
      await new Promise<void>((resolve) => http.close(() => resolve()));
    }
  });

  it('adds Supabase and the model host to connect-src when configured', () => {
    const csp = cspOf({
      supabaseUrl: 'https://abc.supabase.co',
      llmModelPath: 'https://models.example/m',
    });
    expect(csp).toContain(
      "connect-src 'self' https://abc.supabase.co wss://abc.supabase.co https://models.example;",
    );
    expect(cspOf({ supabaseUrl: undefined, llmModelPath: '/models/mistral-7b' })).toContain(
      "connect-src 'self';",
    );
    // Unset: the public WebLLM hosts, so an opted-in download is not blocked by our own policy.
    const publicHosts = cspOf({ supabaseUrl: undefined, llmModelPath: undefined });
    expect(publicHosts).toMatch(
      /connect-src 'self' https:\/\/huggingface\.co [^;]*raw\.githubusercontent\.com;/,
    );
    expect(publicHosts).not.toMatch(/connect-src[^;]*\*/);
  });
});
