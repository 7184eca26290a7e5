import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { REDIRECTS, serveDist } from './serve-dist';

const dist = mkdtempSync(join(tmpdir(), 'tend-dist-'));
const script = 'console.log("tend");'.repeat(20);
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Tend</title>');
writeFileSync(join(dist, 'assets', 'app.js'), script);
writeFileSync(join(dist, 'assets', 'app.js.br'), brotliCompressSync(script));
writeFileSync(join(dist, 'assets', 'app.js.gz'), gzipSync(script));
writeFileSync(join(dist, 'assets', 'plain.css'), 'body{}');
writeFileSync(join(dist, 'icon.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
writeFileSync(join(dist, 'stats.json'), '{"tree":{}}');
afterAll(() => rmSync(dist, { recursive: true, force: true }));

const app = new Hono().use('*', serveDist(dist));
const get = (path: string, acceptEncoding?: string) =>
  app.request(path, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

describe('serveDist precompressed assets', () => {
  it('sends the brotli file when the client accepts br', async () => {
    const res = await get('/assets/app.js', 'gzip, deflate, br');
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(res.headers.get('content-type')).toContain('javascript');
    const body = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get('content-length')).toBe(String(body.length));
    expect(brotliDecompressSync(body).toString()).toBe(script);
  });

  it('falls back to gzip, then to the plain file', async () => {
    const gz = await get('/assets/app.js', 'gzip');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(script);

    const plain = await get('/assets/app.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(script);
  });

  it('serves text without a precompressed copy as is, and never encodes images', async () => {
    const css = await get('/assets/plain.css', 'br');
    expect(css.headers.get('content-encoding')).toBeNull();
    expect(await css.text()).toBe('body{}');
    const png = await get('/icon.png', 'br');
    expect(png.headers.get('content-encoding')).toBeNull();
    expect(png.headers.get('vary')).toBeNull();
  });
});

describe('serveDist private build outputs', () => {
  it('never serves the bundle map (stats.json), even when an older build left it in dist', async () => {
    expect((await get('/stats.json')).status).toBe(404);
    expect((await get('/icon.png')).status).toBe(200);
  });
});

describe('serveDist redirects', () => {
  it('moves /docs to /documentation for good, as vercel.json does', async () => {
    const res = await get('/docs');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/documentation');
    const vercel = JSON.parse(readFileSync('vercel.json', 'utf8')) as {
      redirects: { source: string; destination: string; permanent: boolean }[];
    };
    expect(vercel.redirects).toEqual(
      Object.entries(REDIRECTS).map(([source, destination]) => ({
        source,
        destination,
        permanent: true,
      })),
    );
  });
});
