import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from './db/migrate';
import { securityHeaderEntries } from './middleware/security-headers/policy';
import type { TestServer } from './test/harness';
import { createTestServer } from './test/harness';

describe('app: static PWA, health, headers, errors', () => {
  let server: TestServer;
  let dist: string;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'tend-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Tend</title>');
    writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(dist, 'manifest.webmanifest'), '{"name":"Tend"}');
    writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(dist, 'assets', 'worker-def456.js'), 'onmessage = () => {}');
    server = await createTestServer('pglite', 'app', {
      env: {
        DIST_DIR: dist,
        CORS_ORIGINS: 'https://tend.example',
        APP_VERSION: '1.2.3',
        SUPABASE_URL: undefined,
      },
    });
  });
  afterAll(() => server.close());

  const get = (path: string, headers: Record<string, string> = {}) =>
    server.app.request(path, { headers });

  it('GET /health answers the shape of the operations specification', async () => {
    const res = await get('/health');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'healthy', version: '1.2.3' });
    expect(typeof body.uptime).toBe('number');
    expect(body.memory).toHaveProperty('rss');
    expect(Date.parse(body.timestamp as string)).not.toBeNaN();
  });

  it('caches hashed assets for a year and revalidates sw.js, index.html and the manifest', async () => {
    const asset = await get('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
    for (const path of ['/sw.js', '/index.html', '/manifest.webmanifest']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
    }
    expect((await get('/manifest.webmanifest')).headers.get('content-type')).toBe(
      'application/manifest+json',
    );
  });

  it('falls back to index.html for navigations only', async () => {
    const nav = await get('/today/list', { accept: 'text/html,application/xhtml+xml' });
    expect(nav.status).toBe(200);
    expect(await nav.text()).toContain('<title>Tend</title>');
    expect((await get('/assets/missing.js')).status).toBe(404);
    expect((await get('/api/nothing', { accept: 'text/html' })).status).toBe(404);
  });

  it('does not serve files outside dist', async () => {
    for (const path of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/assets/..%2f..%2fpackage.json',
    ]) {
      const res = await get(path, { accept: 'text/html' });
      expect(await res.text(), path).not.toContain('"name": "tend"');
    }
  });

  it('sets the security headers on every response, including sw.js, workers and errors', async () => {
    const csp = new Map(securityHeaderEntries(server.ctx.config, { https: false })).get(
      'Content-Security-Policy',
    );
    for (const path of [
      '/sw.js',
      '/assets/worker-def456.js',
      '/index.html',
      '/health',
      '/api/tasks',
      '/nope',
    ]) {
      const res = await get(path);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('x-xss-protection'), path).toBe('0');
      expect(res.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('content-security-policy'), path).toBe(csp);
      expect(res.headers.get('permissions-policy'), path).toBeTruthy();
      expect(res.headers.get('cross-origin-opener-policy'), path).toBe('same-origin');
    }
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).not.toContain("'unsafe-inline'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('sends HSTS only over https', async () => {
    expect((await get('/health')).headers.get('strict-transport-security')).toBeNull();
    const secure = await server.app.request('https://tend.example/health');
    expect(secure.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });

  it('tracks applied migrations like the Supabase CLI and applies each once', async () => {
    const rows = await server.db.query<{ version: string; name: string }>(
      'select version, name from supabase_migrations.schema_migrations order by version',
    );
    expect(rows.map((r) => r.name)).toContain('tasks_and_sync');
    expect(await migrate(server.db)).toEqual([]);
  });

  it('answers unknown routes and errors with { error: { code, message, details } } and no stack', async () => {
    const res = await server.app.request('/api/unknown', { method: 'POST' });
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('not_found');
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('honours CORS_ORIGINS', async () => {
    const allowed = await server.app.request('/api/tasks', {
      method: 'OPTIONS',
      headers: { origin: 'https://tend.example', 'access-control-request-method': 'POST' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://tend.example');
    const denied = await server.app.request('/api/tasks', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('limits body size by Content-Length and by chunked streams', async () => {
    const big = 'x'.repeat(1024 * 1024 + 10);
    const byLength = await server.app.request('/api/tasks', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(big.length) },
      body: big,
    });
    expect(byLength.status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 20; i++)
          controller.enqueue(new TextEncoder().encode('y'.repeat(64 * 1024)));
        controller.close();
      },
    });
    const chunked = await server.app.request('/api/tasks', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    const bodyJson = (await chunked.json()) as { error: { code: string } };
    expect(bodyJson.error.code).toBe('payload_too_large');
    // Both headers, the Content-Length claiming a small body: the stream is what gets counted.
    const both = await server.app.request('/api/tasks', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': '10',
        'transfer-encoding': 'chunked',
      },
      body: new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < 20; i++)
            controller.enqueue(new TextEncoder().encode('z'.repeat(64 * 1024)));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(both.status).toBe(413);
  });
});
