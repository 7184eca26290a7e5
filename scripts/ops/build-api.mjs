// Bundles the server for Vercel Functions into node_modules/.cache/tend-api/vercel.mjs (outside git and lint; npm packages stay external and
// are traced by Vercel). Vercel compiles api/*.ts file by file into native ESM, where the sources'
// extensionless relative imports would fail with ERR_MODULE_NOT_FOUND; the bundle has none.
import { build } from 'esbuild';

export const API_BUNDLE = 'node_modules/.cache/tend-api/vercel.mjs';

export async function buildApi() {
  await build({
    entryPoints: ['sync-server/vercel.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: API_BUNDLE,
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  return API_BUNDLE;
}

if (import.meta.url === `file://${process.argv[1]}`) await buildApi();
