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

/**
 * The environment the server runs with (`npm start`, and the sync benchmark), under whatever the caller
 * sets: glibc's allocator told to give memory back. By default each thread that allocates gets its own
 * malloc arena (up to eight per core) and keeps what is freed in it: V8's compiler threads, compiling and
 * tiering up the embedded database's WebAssembly under load, left about 100 MB of malloc'd memory in five
 * arenas, and the embedded server peaked at 275-331 MB under the sync benchmark (target 300). Two arenas,
 * freed memory over 128 KB returned at once and blocks of 128 KB or more mapped on their own: 264-284 MB
 * in four runs, throughput unchanged (alternated with the default, 2026-12-04).
 */
export const SERVER_ENV = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_TRIM_THRESHOLD_: '131072',
  MALLOC_MMAP_THRESHOLD_: '131072',
};

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
