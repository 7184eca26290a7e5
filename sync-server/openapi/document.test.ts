// The OpenAPI document the server serves: valid OpenAPI 3.1 by an independent validator, and complete: every
// route registered on the app (core and operations) is documented, and nothing documented is missing.
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/types';
import { createPgliteDb } from '../ops/test-support/databases';
import { createTestApp, type TestApp } from '../ops/test-support/ops-test-app';
import { openApiPath } from './document';

interface Document {
  openapi: string;
  paths: Record<
    string,
    Record<string, { responses: Record<string, unknown>; security: unknown[] }>
  >;
}

let db: Db;
let t: TestApp;
let doc: Document;

beforeAll(async () => {
  db = await createPgliteDb();
  t = await createTestApp(db);
  const res = await t.app.request('/api/openapi.json');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/json');
  doc = (await res.json()) as Document;
}, 60_000);
afterAll(async () => {
  await db?.close();
});

/** Handlers, not middleware: Hono lists `use()` as method ALL. */
function registeredRoutes(): string[] {
  const keys = t.app.routes
    .filter((r) => r.method !== 'ALL')
    .map((r) => `${r.method.toLowerCase()} ${openApiPath(r.path)}`);
  return [...new Set(keys)].sort();
}

function documentedRoutes(): string[] {
  return Object.entries(doc.paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`))
    .sort();
}

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(doc as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    // The validator does refuse: a response without its description is not OpenAPI.
    const broken = structuredClone(doc);
    broken.paths['/health'].get.responses['200'] = {};
    expect(
      (await new Validator().validate(broken as unknown as Record<string, unknown>)).valid,
    ).toBe(false);
  });

  it('documents every route registered on the app, and only those', () => {
    const registered = registeredRoutes();
    expect(registered.length).toBeGreaterThan(50);
    expect(documentedRoutes()).toEqual(registered);
  });

  it('covers auth, sync, tasks, account, AI, health, metrics, cron and admin, with their error shapes', () => {
    for (const key of [
      'post /auth/v1/token',
      'post /api/sync/push',
      'patch /api/tasks/{id}',
      'delete /api/account',
      'post /api/ai/parse',
      'get /health/detailed',
      'get /metrics',
      'get /api/cron/backup',
      'post /api/admin/restore',
    ]) {
      expect(documentedRoutes()).toContain(key);
    }
    const errorOf = (path: string, method: string, status: string) =>
      JSON.stringify(doc.paths[path][method].responses[status]);
    expect(errorOf('/api/tasks/{id}', 'get', '404')).toContain('#/components/schemas/Error');
    expect(errorOf('/auth/v1/token', 'post', '400')).toContain('#/components/schemas/AuthError');
    expect(doc.paths['/api/admin/users'].get.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/api/cron/backup'].post.security).toEqual([{ cronSecret: [] }]);
  });

  it('says which operations need credentials, and the app refuses those without them', async () => {
    const guarded = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.security.length > 0)
        .map(([method]) => ({ method, path })),
    );
    expect(guarded.length).toBeGreaterThan(30);
    const refused: string[] = [];
    for (const { method, path } of guarded) {
      const url = path.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000001');
      const res = await t.app.request(url, {
        method: method.toUpperCase(),
        headers: { 'Content-Type': 'application/json' },
        body: method === 'get' || method === 'delete' ? undefined : '{}',
      });
      if (res.status === 401) refused.push(`${method} ${path}`);
      else refused.push(`${method} ${path} answered ${res.status}`);
      expect(Object.keys(doc.paths[path][method].responses)).toContain('401');
    }
    expect(refused).toEqual(guarded.map(({ method, path }) => `${method} ${path}`));
  });

  it("describes a request body with the route's own schema", () => {
    const body = JSON.stringify(doc.paths['/api/sync/push'].post);
    // pushRequestSchema from src/core/sync/protocol.ts: clientId and a bounded list of mutations.
    expect(body).toContain('"clientId"');
    expect(body).toContain('"maxItems":1000');
  });
});
