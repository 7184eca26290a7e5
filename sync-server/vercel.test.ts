// vercel.json and the api/ entry points. Vercel itself cannot run here: the platform is replaced by a test
// double that does what it does (picks the function file, passes a Web Request, returns its Response).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './db/types';
import { createVercelHandler, handler, toAppRequest } from '../api/_lib/entry';
import * as tasksFn from '../api/tasks/[...path]';
import * as syncFn from '../api/sync/[...path]';
import * as aiFn from '../api/ai/[...path]';
import * as restFn from '../api/[...path]';
import * as rootFn from '../api/root';
import { createTestApp, SECRETS } from './ops/test-support/ops-test-app';
import { API_BUNDLE, buildApi } from '../scripts/ops/build-api.mjs';
import {
  createPgliteDb,
  createPostgresDb,
  postgresReachable,
  type TempPostgres,
} from './ops/test-support/databases';

interface VercelJson {
  buildCommand: string;
  outputDirectory: string;
  framework: unknown;
  functions: Record<string, { maxDuration: number; memory: number }>;
  headers: { source: string; headers: { key: string; value: string }[] }[];
  redirects: { source: string; destination: string; permanent: boolean }[];
  rewrites: { source: string; destination: string }[];
}
const vercel = JSON.parse(
  readFileSync(new URL('../vercel.json', import.meta.url), 'utf8'),
) as VercelJson;

describe('vercel.json', () => {
  it('builds the Vite app (not Next.js) into dist, or takes the tested dist, then bundles the server', () => {
    expect(vercel).toMatchObject({
      buildCommand: 'node scripts/ops/vercel-build.mjs',
      outputDirectory: 'dist',
      framework: null,
    });
  });

  it("gives each function group the operations specification's limits, and each glob names real files", () => {
    expect(vercel.functions['api/tasks/*.ts']).toEqual({ maxDuration: 10, memory: 1024 });
    expect(vercel.functions['api/sync/*.ts']).toEqual({ maxDuration: 30, memory: 512 });
    expect(vercel.functions['api/ai/*.ts']).toEqual({ maxDuration: 60, memory: 2048 });
    for (const glob of Object.keys(vercel.functions)) {
      const dir = new URL(`../${glob.slice(0, glob.lastIndexOf('/'))}/`, import.meta.url);
      expect(
        readdirSync(dir).some((f) => f.endsWith('.ts') && !f.startsWith('_')),
        glob,
      ).toBe(true);
    }
  });

  it('sends the security headers of the operations specification everywhere with a strict CSP', () => {
    const all = vercel.headers.find((h) => h.source === '/(.*)')!;
    const get = (key: string) => all.headers.find((h) => h.key === key)?.value;
    expect(get('X-Content-Type-Options')).toBe('nosniff');
    expect(get('X-Frame-Options')).toBe('DENY');
    expect(get('X-XSS-Protection')).toBe('0');
    expect(get('Referrer-Policy')).toBe('strict-origin-when-cross-origin');
    const csp = get('Content-Security-Policy')!;
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toMatch(/'unsafe-(eval|inline)'/);
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('redirects /docs permanently and rewrites API and SPA paths', () => {
    expect(vercel.redirects).toContainEqual({
      source: '/docs',
      destination: '/documentation',
      permanent: true,
    });
    expect(vercel.rewrites[0]).toEqual({ source: '/api/:path*', destination: '/api/:path*' });
    expect(vercel.rewrites.at(-1)?.destination).toBe('/index.html');
    for (const r of vercel.rewrites.filter((r) => r.destination.startsWith('/api/root'))) {
      expect(existsSync(new URL('../api/root.ts', import.meta.url)), r.source).toBe(true);
    }
  });
});

describe('api/ entry points (Vercel test double)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await createPgliteDb();
  });
  afterAll(() => db.close());

  it('export a Web handler for every method, all sharing one app', () => {
    for (const fn of [tasksFn, syncFn, aiFn, restFn, rootFn]) {
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const)
        expect(fn[method]).toBe(handler);
    }
  });

  it('serve rewritten public paths and API paths through the Hono app', async () => {
    const { app } = await createTestApp(db);
    let loads = 0;
    const fn = createVercelHandler(async () => {
      loads++;
      return app;
    });
    const health = await fn(new Request('https://app.vercel.app/api/root?__path=/health/detailed'));
    expect(health.status).toBe(200);
    expect(((await health.json()) as { status: string }).status).toBe('healthy');
    const cron = await fn(new Request('https://app.vercel.app/api/cron/sync-check'));
    expect(cron.status).toBe(401);
    const authed = await fn(
      new Request('https://app.vercel.app/api/cron/sync-check', {
        headers: { authorization: `Bearer ${SECRETS.cronSecret}` },
      }),
    );
    expect(authed.status).toBe(200);
    expect(loads).toBe(1);
  });

  it('limits sign-ins by the address Vercel reports, and never lumps requests without one together', async () => {
    const { app } = await createTestApp(
      db,
      {},
      { VERCEL_ENV: 'production', RATE_LIMIT_LOGIN: '2/5m' },
    );
    const fn = createVercelHandler(async () => app);
    const signIn = (n: number, headers: Record<string, string> = {}) =>
      fn(
        new Request('https://app.vercel.app/api/root?__path=/auth/v1/token&grant_type=password', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ email: `vercel${n}@example.test`, password: 'wrong guess' }),
        }),
      ).then((res) => res.status);
    // No socket here: one client reported by the platform header is limited alone...
    const one = { 'x-vercel-forwarded-for': '198.51.100.20' };
    expect([await signIn(1, one), await signIn(2, one), await signIn(3, one)]).toEqual([
      400, 400, 429,
    ]);
    expect(await signIn(4, { 'x-vercel-forwarded-for': '198.51.100.21' })).toBe(400);
    // ...and requests without any address share no key that a few bad tries would lock for everyone.
    expect([await signIn(5), await signIn(6), await signIn(7)]).toEqual([400, 400, 400]);
  });

  it('retries a failed cold start on the next request', async () => {
    let attempts = 0;
    const fn = createVercelHandler(async () => {
      attempts++;
      if (attempts === 1) throw new Error('database unreachable');
      return { fetch: () => new Response('ok') };
    });
    await expect(fn(new Request('https://x.test/api/a'))).rejects.toThrow('database unreachable');
    expect(await (await fn(new Request('https://x.test/api/a'))).text()).toBe('ok');
  });

  it('lets no query parameter choose a route: only the rewrites of vercel.json restore a public path', () => {
    const path = (url: string) => new URL(toAppRequest(new Request(url)).url).pathname;
    // What the rewrites produce.
    expect(path('https://x.test/api/root?__path=/health')).toBe('/health');
    expect(path('https://x.test/api/root?__path=/health/detailed')).toBe('/health/detailed');
    expect(path('https://x.test/api/root?__path=/auth/v1/token')).toBe('/auth/v1/token');
    expect(path('https://x.test/api/root?__path=/metrics')).toBe('/metrics');
    expect(path('https://x.test/api/root?__path=/admin/users')).toBe('/admin/users');
    // Anything else keeps its own path, and the parameter is dropped.
    expect(path('https://x.test/api/tasks?__path=/api/admin/users')).toBe('/api/tasks');
    expect(path('https://x.test/api/sync/push?__path=/auth/v1/token')).toBe('/api/sync/push');
    expect(path('https://x.test/api/root?__path=/api/admin/users')).toBe('/api/root');
    expect(path('https://x.test/api/root?__path=/healthz/../api/admin')).toBe('/api/root');
    expect(path('https://x.test/api/root?__path=//evil.test/x')).toBe('/api/root');
    const kept = new URL(toAppRequest(new Request('https://x.test/api/tasks?__path=/x&a=1')).url);
    expect(kept.search).toBe('?a=1');
  });

  it('keeps the query string and body when restoring the public path', async () => {
    const req = toAppRequest(
      new Request('https://x.test/api/root?__path=/auth/v1/token&grant_type=password', {
        method: 'POST',
        body: '{"a":1}',
      }),
    );
    const url = new URL(req.url);
    expect(url.pathname).toBe('/auth/v1/token');
    expect(url.search).toBe('?grant_type=password');
    expect(await req.text()).toBe('{"a":1}');
  });
});

// What Vercel does with api/*.ts: compile each file on its own to native ESM (no bundling, no TypeScript
// resolution), run it on Node. Reproduced here with esbuild's per-file transform in a mirror directory,
// against a real PostgreSQL database, in a plain `node` process with no loader.
const pgUp = await postgresReachable();
describe.skipIf(!pgUp)('api/ functions compiled as Vercel does, on plain Node ESM', () => {
  let pg: TempPostgres;
  let mirror: string;
  beforeAll(async () => {
    pg = await createPostgresDb('vercel');
    mirror = await mkdtemp(join(tmpdir(), 'tend-vercel-'));
    await buildApi();
    const sources = readdirSync('api', { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.ts'),
    );
    await build({
      entryPoints: sources.map((f) => join('api', f)),
      outdir: join(mirror, 'api'),
      outbase: 'api',
      bundle: false,
      format: 'esm',
      platform: 'node',
      logLevel: 'silent',
    });
    await writeFile(join(mirror, 'package.json'), '{"type":"module"}');
    // The packages, linked one by one, so the bundle can sit in the mirror's own node_modules/.cache.
    await mkdir(join(mirror, 'node_modules/.cache/tend-api'), { recursive: true });
    for (const entry of readdirSync('node_modules')) {
      if (entry !== '.cache')
        await symlink(
          join(process.cwd(), 'node_modules', entry),
          join(mirror, 'node_modules', entry),
        );
    }
    await copyFile(API_BUNDLE, join(mirror, API_BUNDLE));
  });
  afterAll(async () => {
    await pg?.drop();
    if (mirror) await rm(mirror, { recursive: true, force: true });
  });

  it('serves health and an authenticated cron call from the compiled tasks and root functions', () => {
    const script = `
      const root = await import('./api/root.js');
      const tasks = await import('./api/tasks/[...path].js');
      const health = await root.GET(new Request('https://app.test/api/root?__path=/health/detailed'));
      const cron = await tasks.GET(new Request('https://app.test/api/cron/sync-check', { headers: { authorization: 'Bearer ${SECRETS.cronSecret}' } }));
      console.log(JSON.stringify({ health: health.status, cron: cron.status, same: root.GET === tasks.GET }));
      process.exit(0);`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: mirror,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        VERCEL: '1',
        DATABASE_URL: pg.url,
        JWT_SECRET: SECRETS.jwtSecret,
        ENCRYPTION_KEY: SECRETS.encryptionKey,
        CRON_SECRET: SECRETS.cronSecret,
        DATA_DIR: join(mirror, 'data'),
        LOG_LEVEL: 'warn',
      },
      encoding: 'utf8',
    });
    expect(JSON.parse(out.trim().split('\n').at(-1)!)).toEqual({
      health: 200,
      cron: 200,
      same: true,
    });
  });
});
