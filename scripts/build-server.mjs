// Bundles the sync server (sync-server/main.ts and what it imports, npm packages left external) into
// sync-server/.build/main.mjs, so production runs plain node: no TypeScript loader thread (~80 MB RSS less).
// The bundle sits at the same depth as the sources, so paths relative to import.meta.url still resolve.
import { build } from 'esbuild';

export async function buildServer() {
  await build({
    entryPoints: ['sync-server/main.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: 'sync-server/.build/main.mjs',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  return 'sync-server/.build/main.mjs';
}

if (import.meta.url === `file://${process.argv[1]}`) await buildServer();
