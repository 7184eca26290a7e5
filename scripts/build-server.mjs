// Bundles the sync server (sync-server/main.ts and what it imports, npm packages left external) into
// node_modules/.cache/tend-server/main.mjs, so production runs plain node: no TypeScript loader thread
// (~80 MB RSS less). Inside node_modules: packages still resolve, and lint and git ignore it.
import { build } from 'esbuild';

const OUTFILE = 'node_modules/.cache/tend-server/main.mjs';

/**
 * The node flags the server runs with (`npm start`, and the sync benchmark that measures it). On a machine
 * with a lot of memory V8 lets the heap grow to gigabytes before it collects hard: under the sync benchmark
 * the heap held 85-140 MB, mostly garbage, and RSS peaked at 150-230 MB, while the operations specification
 * rolls a deployment back at 300 MB. A 256 MB old space (five times the live heap under that load) makes V8
 * collect early: peak RSS 97-134 MB, no CPU cost per single push that the benchmark could see, about a fifth
 * more per mutation in 500-mutation batches. 8 MB semi-spaces: a push allocates about 110 KB and lives for
 * as long as its two round trips to the database, so with 2 MB ones the young generation filled every few
 * milliseconds under 100 connections and in-flight pushes were copied, promoted and collected again by the
 * old generation (garbage collection was 16-28 % of the server's CPU samples); 8 MB costs about 10 MB of RSS.
 * A process whose live heap passes 256 MB fails instead of growing, as it would be rolled back anyway.
 */
export const SERVER_NODE_FLAGS = [
  '--enable-source-maps',
  '--max-semi-space-size=8',
  '--max-old-space-size=256',
];

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
