// The rate limits of the auth and telemetry routes, through the real app behind a trusted proxy (TRUST_PROXY),
// with injected time: per account whatever the address, per address whatever the forged part of
// X-Forwarded-For, 429 with Retry-After in GoTrue's error shape.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../db/types';
import { createTestDatabase, type TestDatabase } from '../test/harness';
import { createTestApp, type TestApp } from '../ops/test-support/ops-test-app';

// Every admitted sign-in hashes at OWASP's scrypt cost: room on a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

describe('auth and telemetry rate limits', () => {
  let database: TestDatabase;
  let t: TestApp;
  let now = Date.parse('2026-12-02T10:00:00Z');
  let address = 0;
  /** A different client address each call, as a botnet (or a phone changing networks) has. */
  const freshAddress = () => `198.51.100.${++address}`;

  beforeAll(async () => {
    database = await createTestDatabase('pglite', 'auth_limits');
    t = await createTestApp(
      database.db as Db,
      {},
      {
        TRUST_PROXY: 'true',
        LOGIN_FREE_FAILURES: '3',
        RATE_LIMIT_LOGIN: '3/5m',
        RATE_LIMIT_SIGNUP: '2/1h',
        RATE_LIMIT_REFRESH: '2/5m',
        RATE_LIMIT_RECOVERY_ACCOUNT: '2/1h',
        RATE_LIMIT_VERIFY: '2/1h',
        RATE_LIMIT_TELEMETRY: '2/1m',
      },
      { now: () => now },
    );
  });
  afterAll(() => database.drop());

  const post = (path: string, body: unknown, forwardedFor: string) =>
    t.app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      body: JSON.stringify(body),
    });
  const signIn = (email: string, password: string, forwardedFor = freshAddress()) =>
    post('/auth/v1/token?grant_type=password', { email, password }, forwardedFor);

  async function expectLimited(res: Response, code = 'over_request_rate_limit') {
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    // GoTrue's shape for supabase-js, with ours beside it.
    expect(await res.json()).toMatchObject({ code: 429, error_code: code, error: { code } });
  }

  it('slows one account down whatever the number of addresses, exponentially, until a success', async () => {
    const signUp = await post(
      '/auth/v1/signup',
      { email: 'target@example.test', password: 'correct horse' },
      freshAddress(),
    );
    expect(signUp.status).toBe(200);
    // Three free failures and a fourth that starts the wait, each from a new address.
    for (let i = 0; i < 4; i++) {
      expect((await signIn('Target@Example.test', 'wrong guess')).status).toBe(400);
    }
    const refused = await signIn('target@example.test', 'another guess');
    await expectLimited(refused);
    expect(refused.headers.get('retry-after')).toBe('1');
    // Even the right password waits: the back-off must not answer which guess was right.
    await expectLimited(await signIn('target@example.test', 'correct horse'));
    now += 1000;
    expect((await signIn('target@example.test', 'wrong again')).status).toBe(400);
    const doubled = await signIn('target@example.test', 'correct horse');
    expect(doubled.headers.get('retry-after')).toBe('2');
    now += 2000;
    expect((await signIn('target@example.test', 'correct horse')).status).toBe(200);
    // The success cleared the account's failures.
    expect((await signIn('target@example.test', 'wrong once')).status).toBe(400);
    expect((await signIn('target@example.test', 'correct horse')).status).toBe(200);
  });

  it('limits an address by the hop the proxy saw, not the leftmost one the client writes', async () => {
    const real = freshAddress();
    const forged = () => `${freshAddress()}, ${real}`;
    for (let i = 0; i < 3; i++) {
      expect((await signIn(`nobody${i}@example.test`, 'x', forged())).status).toBe(400);
    }
    await expectLimited(await signIn('nobody9@example.test', 'x', forged()));
    // Another client behind the same proxy is not held up.
    expect((await signIn('nobody9@example.test', 'x')).status).toBe(400);
  });

  it('limits sign-up, refresh and link verification per address', async () => {
    const client = freshAddress();
    for (let i = 0; i < 2; i++) {
      const res = await post(
        '/auth/v1/signup',
        { email: `new${i}@example.test`, password: 'correct horse' },
        client,
      );
      expect(res.status).toBe(200);
    }
    await expectLimited(
      await post(
        '/auth/v1/signup',
        { email: 'new9@example.test', password: 'correct horse' },
        client,
      ),
    );
    const refresh = () =>
      post('/auth/v1/token?grant_type=refresh_token', { refresh_token: 'not-a-token' }, client);
    expect((await refresh()).status).toBe(400);
    expect((await refresh()).status).toBe(400);
    await expectLimited(await refresh());
    const verify = () =>
      post('/auth/v1/verify', { type: 'recovery', token_hash: 'x'.repeat(32) }, client);
    expect((await verify()).status).not.toBe(429);
    expect((await verify()).status).not.toBe(429);
    await expectLimited(await verify());
    // The one-time reset link, opened in a browser, lands in the app with the refusal in the fragment.
    const link = await t.app.request(`/auth/v1/verify?type=recovery&token=${'y'.repeat(32)}`, {
      headers: { 'x-forwarded-for': client },
    });
    expect(link.status).toBe(303);
    expect(link.headers.get('location')).toContain('error_code=over_request_rate_limit');
  });

  it('limits recovery mail per account across addresses', async () => {
    // Without SMTP the answer is smtp_not_configured, but the attempts count all the same.
    for (let i = 0; i < 2; i++) {
      const res = await post('/auth/v1/recover', { email: 'inbox@example.test' }, freshAddress());
      expect(res.status).toBe(422);
    }
    await expectLimited(
      await post('/auth/v1/recover', { email: 'Inbox@example.test' }, freshAddress()),
      'over_email_send_rate_limit',
    );
  });

  it('limits AI telemetry per address', async () => {
    const client = freshAddress();
    const send = (forwardedFor: string) =>
      t.app.request('/api/telemetry/ai', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: JSON.stringify({
          events: [
            { inferenceMs: 80, accepted: true, cacheHit: false, fallback: false, timedOut: false },
          ],
        }),
      });
    expect((await send(client)).status).toBe(202);
    expect((await send(`203.0.113.1, ${client}`)).status).toBe(202);
    const refused = await send(`203.0.113.2, ${client}`);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: { code: 'telemetry_rate_limited' } });
    expect((await send(freshAddress())).status).toBe(202);
  });
});
