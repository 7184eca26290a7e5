// vercel.json and the server send the same security headers: the committed file must equal what the
// server's policy generates, and a request to the real app carries the same values.
import { resolve } from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../sync-server/config';
import { securityHeaders } from '../../sync-server/middleware/security-headers';
import { modelHostOrigins } from '../../src/core/model-hosts';
import { expectedSecurityHeaders, renderVercelJson, VERCEL_POLICY_CONFIG } from './vercel-headers';

const vercelPath = resolve(import.meta.dirname, '../../vercel.json');

describe('vercel.json security headers', () => {
  it('are the ones the generator writes from the server policy (run vercel-headers.ts --write)', async () => {
    const { current, next } = await renderVercelJson(vercelPath);
    expect(current).toBe(next);
  });

  it('allow the on-device model hosts in connect-src, as the server does', async () => {
    const csp = expectedSecurityHeaders().find((h) => h.key === 'Content-Security-Policy')?.value;
    for (const origin of modelHostOrigins()) expect(csp).toContain(origin);
  });

  it('equal what the server middleware sends over HTTPS for the same configuration', async () => {
    const app = new Hono();
    app.use('*', securityHeaders(loadConfig({ SUPABASE_URL: VERCEL_POLICY_CONFIG.supabaseUrl })));
    app.get('/', (c) => c.text('ok'));
    const res = await app.request('https://tend.example/');
    for (const { key, value } of expectedSecurityHeaders()) {
      expect(res.headers.get(key), key).toBe(value);
    }
  });
});
