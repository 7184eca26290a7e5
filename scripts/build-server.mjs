// Bundles the sync server (sync-server/main.ts and what it imports, npm packages left external) into
// node_modules/.cache/tend-server/main.mjs, so production runs plain node: no TypeScript loader thread
// (~80 MB RSS less). Inside node_modules: packages still resolve, and lint and git ignore it.
import { build } from 'esbuild';

const OUTFILE = 'node_modules/.cache/tend-server/main.mjs';

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
