// Serves the built PWA from one origin with the API: hashed /assets/* cached for a year, everything else
// revalidated (so a new service worker, index.html or manifest is seen at once), SPA fallback for navigations.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import type { MiddlewareHandler } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
};

/** Text files the build precompresses (see vite.config.ts). */
const PRECOMPRESSED = /\.(?:js|css|html|webmanifest|svg)$/;

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/** Paths the static handler must never answer (the API owns them, even when they 404). */
const API_PREFIXES = ['/api/', '/auth/', '/health', '/metrics'];
/** Older addresses, permanently moved; vercel.json's `redirects` say the same on Vercel (serve-dist.test.ts). */
export const REDIRECTS: Readonly<Record<string, string>> = { '/docs': '/documentation' };
/** The bundle map is not for the public (a dist/ from an older build may still hold it). */
const PRIVATE_FILES = new Set(['/stats.json']);

async function fileAt(
  root: string,
  urlPath: string,
): Promise<{ path: string; size: number; mtime: Date } | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = resolve(root, '.' + decoded);
  if (full !== root && !full.startsWith(root + sep)) return null;
  try {
    const s = await stat(full);
    if (s.isFile()) return { path: full, size: s.size, mtime: s.mtime };
    if (s.isDirectory()) return fileAt(root, join(decoded, 'index.html'));
  } catch {
    return null;
  }
  return null;
}

function isNavigation(accept: string | undefined, path: string): boolean {
  return !!accept?.includes('text/html') && extname(path) === '';
}

export function serveDist(distDir: string): MiddlewareHandler {
  const root = resolve(distDir);
  return async (c, next) => {
    const method = c.req.method;
    const path = c.req.path;
    if ((method !== 'GET' && method !== 'HEAD') || API_PREFIXES.some((p) => path.startsWith(p))) {
      return next();
    }
    if (PRIVATE_FILES.has(path)) return next();
    const moved = REDIRECTS[path];
    if (moved) return c.redirect(moved, 301);
    let file = await fileAt(root, path);
    if (!file && isNavigation(c.req.header('accept'), path))
      file = await fileAt(root, '/index.html');
    if (!file) return next();

    const type = TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream';
    const immutable = path.startsWith('/assets/');
    const lastModified = new Date(Math.floor(file.mtime.getTime() / 1000) * 1000);
    const headers: Record<string, string> = {
      'Content-Type': type,
      'Cache-Control': immutable ? IMMUTABLE : REVALIDATE,
      'Last-Modified': lastModified.toUTCString(),
    };
    if (path.endsWith('sw.js')) headers['Service-Worker-Allowed'] = '/';
    const since = c.req.header('if-modified-since');
    if (since && !Number.isNaN(Date.parse(since)) && Date.parse(since) >= lastModified.getTime()) {
      return c.body(null, 304, headers);
    }
    // The build writes file.br / file.gz beside text assets (vite.config.ts): send those when
    // the client accepts them, so nothing is compressed per request.
    let body: { path: string; size: number } = file;
    if (PRECOMPRESSED.test(file.path)) {
      headers['Vary'] = 'Accept-Encoding';
      const accepted = c.req.header('accept-encoding') ?? '';
      for (const [encoding, suffix] of [
        ['br', '.br'],
        ['gzip', '.gz'],
      ] as const) {
        if (!new RegExp(`\\b${encoding}\\b`).test(accepted)) continue;
        const compressed = await stat(file.path + suffix).catch(() => null);
        if (!compressed?.isFile()) continue;
        body = { path: file.path + suffix, size: compressed.size };
        headers['Content-Encoding'] = encoding;
        break;
      }
    }
    headers['Content-Length'] = String(body.size);
    if (method === 'HEAD') return c.body(null, 200, headers);
    const stream = Readable.toWeb(createReadStream(body.path)) as ReadableStream<Uint8Array>;
    return c.body(stream, 200, headers);
  };
}
