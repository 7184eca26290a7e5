// A minimal static server for a built dist/ copy, for tests that need to change what is served
// (a second service worker version) without the sync server. Headers follow what the real
// server promises: no-cache for sw.js, index.html and the manifest, immutable hashed assets.
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export interface StaticServer {
  url: string;
  /** How many times each path was requested (to prove what came from the network). */
  hits: Map<string, number>;
  close(): Promise<void>;
}

async function findFile(root: string, urlPath: string): Promise<string | undefined> {
  const full = resolve(root, '.' + decodeURIComponent(urlPath));
  if (full !== root && !full.startsWith(root + sep)) return undefined;
  try {
    const info = await stat(full);
    if (info.isFile()) return full;
    if (info.isDirectory()) return findFile(root, join(urlPath, 'index.html'));
  } catch {
    return undefined;
  }
  return undefined;
}

export async function startStaticServer(dir: string, port: number): Promise<StaticServer> {
  const root = resolve(dir);
  const hits = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    void (async () => {
      let file = await findFile(root, path);
      if (!file && extname(path) === '' && req.headers.accept?.includes('text/html')) {
        file = join(root, 'index.html');
      }
      if (!file) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': path.startsWith('/assets/')
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      });
      res.end(body);
    })().catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
