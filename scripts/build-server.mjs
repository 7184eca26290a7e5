// Bundles the sync server (sync-server/main.ts and what it imports, npm packages left external) into
// node_modules/.cache/tend-server/main.mjs, so production runs plain node: no TypeScript loader thread
// (~80 MB RSS less). Inside node_modules: packages still resolve, and lint and git ignore it.
import { build } from 'esbuild';

const OUTFILE = 'node_modules/.cache/tend-server/main.mjs';

/**
 * The node flags the server runs with (`npm start`, and the sync benchmark that measures it). A young
 * generation of 2 MB semi-spaces instead of V8's default of up to 16 MB: a push's objects die young either
 * way, and the sync benchmark's peak RSS under 20 concurrent 500-mutation pushes drops by about 40 MB with no
 * CPU cost it could measure (--optimize-for-size saves more memory, but costs a push a third more CPU).
 */
export const SERVER_NODE_FLAGS = ['--enable-source-maps', '--max-semi-space-size=2'];

export async function buildServer() {
  await build({
    entryPoints: ['sync-server/main.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: OUTFILE,
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  return OUTFILE;
}

if (import.meta.url === `file://${process.argv[1]}`) await buildServer();
