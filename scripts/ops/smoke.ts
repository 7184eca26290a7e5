// Smoke tests for a fresh deployment: the page, its security headers, liveness and detailed health.
//   npx tsx scripts/ops/smoke.ts https://preview-url.vercel.app
import { pathToFileURL } from 'node:url';

interface SmokeResult {
  name: string;
  ok: boolean;
  detail: string;
}

export async function runSmokeTests(
  baseUrl: string,
  fetchImpl: typeof fetch = fetch,
): Promise<SmokeResult[]> {
  const base = baseUrl.replace(/\/+$/, '');
  const results: SmokeResult[] = [];
  const check = async (name: string, run: () => Promise<string>) => {
    try {
      results.push({ name, ok: true, detail: await run() });
    } catch (error) {
      results.push({
        name,
        ok: false,
        detail: error instanceof Error ? error.message : String(error),
      });
    }
  };
  const get = (path: string) =>
    fetchImpl(`${base}${path}`, { signal: AbortSignal.timeout(15_000) });
  await check('page loads with a strict CSP', async () => {
    const res = await get('/');
    if (res.status !== 200) throw new Error(`GET / answered ${res.status}`);
    const csp = res.headers.get('content-security-policy') ?? '';
    if (!csp.includes("script-src 'self'") || /'unsafe-(eval|inline)'/.test(csp))
      throw new Error(`weak CSP: ${csp}`);
    if (res.headers.get('x-content-type-options') !== 'nosniff') throw new Error('missing nosniff');
    return 'ok';
  });
  await check('liveness', async () => {
    const res = await get('/health');
    const body = (await res.json()) as { status?: string; version?: string };
    if (res.status !== 200 || body.status !== 'healthy')
      throw new Error(`GET /health answered ${res.status}`);
    return `version ${body.version ?? '?'}`;
  });
  await check('detailed health', async () => {
    const res = await get('/health/detailed');
    const body = (await res.json()) as {
      status?: string;
      checks?: Record<string, { status: string }>;
    };
    if (res.status !== 200) {
      const bad = Object.entries(body.checks ?? {})
        .filter(([, c]) => c.status !== 'healthy')
        .map(([k]) => k);
      throw new Error(`degraded: ${bad.join(', ')}`);
    }
    return 'all checks healthy';
  });
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const base = process.argv[2];
  if (!base) {
    console.error('usage: smoke.ts <base-url>');
    process.exit(2);
  }
  const results = await runSmokeTests(base);
  for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'} ${r.name}: ${r.detail}`);
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}
