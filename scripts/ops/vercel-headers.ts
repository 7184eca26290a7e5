// vercel.json's security headers come from the server's own policy (sync-server/middleware/security-headers/
// policy.ts), so a static deployment on Vercel sends the same CSP as the Node server, model hosts included.
//   npx tsx scripts/ops/vercel-headers.ts --check   exit 1 when vercel.json differs
//   npx tsx scripts/ops/vercel-headers.ts --write   rewrite vercel.json's "/(.*)" header block
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Prettier from 'prettier';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { securityHeaderEntries } from '../../sync-server/middleware/security-headers/policy';

// Node's entry of prettier, also under Vitest (whose 'browser' condition picks the standalone build).
const prettier = createRequire(import.meta.url)('prettier') as typeof Prettier;

/** vercel.json is static and each deployment has its own Supabase project, so connect-src names any
 * hosted project; the model hosts are the public WebLLM ones (LLM_MODEL_PATH unset). */
export const VERCEL_POLICY_CONFIG = {
  supabaseUrl: 'https://*.supabase.co',
  llmModelPath: undefined,
} as const;

interface HeaderRule {
  source: string;
  headers: { key: string; value: string }[];
}

export function expectedSecurityHeaders(): { key: string; value: string }[] {
  return securityHeaderEntries(VERCEL_POLICY_CONFIG, { https: true }).map(([key, value]) => ({
    key,
    value,
  }));
}

/** vercel.json with its catch-all header rule replaced by the server's policy; other rules kept. */
function withSecurityHeaders(vercel: { headers?: HeaderRule[] }): { headers: HeaderRule[] } {
  const rules = vercel.headers ?? [];
  const rest = rules.filter((rule) => rule.source !== '/(.*)');
  return { ...vercel, headers: [{ source: '/(.*)', headers: expectedSecurityHeaders() }, ...rest] };
}

export async function renderVercelJson(path: string): Promise<{ current: string; next: string }> {
  const current = readFileSync(path, 'utf8');
  // Unindented, so prettier folds short objects onto one line as the hand-written file had them.
  const json = JSON.stringify(withSecurityHeaders(JSON.parse(current)));
  const options = (await prettier.resolveConfig(path)) ?? {};
  return { current, next: await prettier.format(json, { ...options, filepath: path }) };
}

async function main(args: string[]) {
  const path = resolve(import.meta.dirname, '../../vercel.json');
  const { current, next } = await renderVercelJson(path);
  if (args.includes('--write')) {
    if (current !== next) writeFileSync(path, next);
    console.log(
      current === next ? 'vercel.json: headers up to date' : 'vercel.json: headers written',
    );
    return;
  }
  if (current !== next) {
    console.error(
      'vercel.json: security headers differ from the server policy; run npx tsx scripts/ops/vercel-headers.ts --write',
    );
    process.exit(1);
  }
  console.log('vercel.json: headers match the server policy');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  });
}
