// Initial JavaScript of the built app: the entry module and its modulepreloads named in
// dist/index.html, gzipped here, plus the same chunks' sizes as recorded in stats.json beside dist/.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export function initialChunks(dist) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const urls = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => m[1].replace(/^\//, ''));
  return [...new Set(urls)];
}

/** Sums gzip sizes per bundle from rollup-plugin-visualizer's raw-data (per-module gzip, an upper bound). */
function statsGzip(dist, chunks) {
  const file = join(dirname(resolve(dist)), 'stats.json');
  if (!existsSync(file)) return null;
  const stats = JSON.parse(readFileSync(file, 'utf8'));
  const parts = stats.nodeParts ?? {};
  const sumLeaves = (node) =>
    node.uid
      ? (parts[node.uid]?.gzipLength ?? 0)
      : (node.children ?? []).reduce((s, c) => s + sumLeaves(c), 0);
  let total = 0;
  for (const bundle of stats.tree?.children ?? [])
    if (chunks.includes(bundle.name)) total += sumLeaves(bundle);
  return total;
}

export function measureInitialJs(dist = 'dist') {
  const chunks = initialChunks(dist);
  const files = chunks.map((name) => {
    const body = readFileSync(join(dist, name));
    return { name, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
  });
  return {
    files,
    gzipBytes: files.reduce((s, f) => s + f.gzipBytes, 0),
    statsJsonGzipBytes: statsGzip(dist, chunks),
  };
}
