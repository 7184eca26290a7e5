// With SUPABASE_URL configured, Supabase Auth issues the tokens: the local /auth/v1 endpoints are off,
// HS256 tokens verify only with the project's JWT_SECRET, and the CSP lets the page reach the project.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from './test/harness';
import { createTestServer, mintToken } from './test/harness';

describe('hosted Supabase mode', () => {
  let server: TestServer;
  const projectSecret = 'supabase-project-jwt-secret-0123456789abcdef';

  beforeAll(async () => {
    server = await createTestServer('pglite', 'supabase', {
      env: { SUPABASE_URL: 'https://abc.supabase.co', JWT_SECRET: projectSecret },
    });
  });
  afterAll(() => server.close());

  it('does not answer the auth endpoints itself', async () => {
    const res = await server.app.request('/auth/v1/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@b.test', password: 'long enough' }),
    });
    expect(res.status).toBe(404);
  });

  it("accepts the project's HS256 tokens and refuses the local secret's", async () => {
    const project = await mintToken(randomUUID(), {}, { secret: projectSecret });
    const ok = await server.app.request('/api/sync/pull', {
      headers: { authorization: `Bearer ${project}` },
    });
    expect(ok.status).toBe(200);
    const local = await mintToken(randomUUID());
    const refused = await server.app.request('/api/sync/pull', {
      headers: { authorization: `Bearer ${local}` },
    });
    expect(refused.status).toBe(401);
  });

  it('lets the page connect to the project in the CSP', async () => {
    const res = await server.app.request('/health');
    expect(res.headers.get('content-security-policy')).toContain(
      "connect-src 'self' https://abc.supabase.co wss://abc.supabase.co",
    );
  });
});
