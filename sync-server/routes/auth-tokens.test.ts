// What the built-in auth's token responses promise beyond GoTrue's shape: never cached, an `iss` fixed by
// configuration (not by the request's Host) and checked, and passwords hashed at OWASP's scrypt cost,
// older hashes upgraded at the next sign-in.
import { randomBytes, randomUUID, scryptSync } from 'node:crypto';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestServer } from '../test/harness';
import { createTestServer, mintToken } from '../test/harness';

// Every sign-up and sign-in hashes at OWASP's scrypt cost (about 0.3 s a core): room on a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

const ISSUER = 'https://tend.example/auth/v1';
type Session = { access_token: string; refresh_token: string };

describe('auth token responses', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await createTestServer('pglite', 'auth_tokens', { env: { JWT_ISSUER: ISSUER } });
  });
  afterAll(() => server.close());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    server.app.request(`/auth/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  async function signUp(host = 'tend.example') {
    const email = `${randomUUID()}@example.test`;
    const password = 'correct horse battery';
    const res = await post('/signup', { email, password }, { host });
    expect(res.status).toBe(200);
    return { email, password, res, session: (await res.clone().json()) as Session };
  }

  it('answers every token and user response with Cache-Control: no-store', async () => {
    const { email, password, res, session } = await signUp();
    const signIn = await post('/token?grant_type=password', { email, password });
    const refresh = await post('/token?grant_type=refresh_token', {
      refresh_token: session.refresh_token,
    });
    const user = await server.app.request('/auth/v1/user', {
      headers: { authorization: `Bearer ${session.access_token}` },
    });
    const failed = await post('/token?grant_type=password', { email, password: 'wrong one!' });
    for (const [name, r] of Object.entries({ res, signIn, refresh, user, failed })) {
      expect(r.headers.get('cache-control'), name).toBe('no-store');
    }
    expect(failed.status).toBe(400);
  });

  it('signs tokens with the configured issuer whatever the Host header says, and checks it', async () => {
    const { session } = await signUp('attacker.example');
    expect(decodeJwt(session.access_token).iss).toBe(ISSUER);
    const sub = decodeJwt(session.access_token).sub!;
    const pull = (token: string) =>
      server.app.request('/api/sync/pull', { headers: { authorization: `Bearer ${token}` } });
    expect((await pull(session.access_token)).status).toBe(200);
    // Same secret, same user, another issuer: refused.
    expect(
      (await pull(await mintToken(sub, {}, { issuer: 'https://elsewhere/auth/v1' }))).status,
    ).toBe(401);
    expect((await pull(await mintToken(sub, {}, { issuer: ISSUER }))).status).toBe(200);
  });

  it('hashes with scrypt N=2^17, r=8, p=1, and upgrades a weaker stored hash at sign-in', async () => {
    const { email, password } = await signUp();
    const stored = async () =>
      (
        await server.db.query<{ encrypted_password: string }>(
          'select encrypted_password from auth.users where email = $1',
          [email],
        )
      )[0].encrypted_password;
    expect((await stored()).split('$').slice(0, 4)).toEqual(['scrypt', '131072', '8', '1']);

    const weak = weakHash(password);
    await server.db.query('update auth.users set encrypted_password = $2 where email = $1', [
      email,
      weak,
    ]);
    expect((await post('/token?grant_type=password', { email, password })).status).toBe(200);
    const upgraded = await stored();
    expect(upgraded).not.toBe(weak);
    expect(upgraded.split('$').slice(0, 4)).toEqual(['scrypt', '131072', '8', '1']);
    expect((await post('/token?grant_type=password', { email, password })).status).toBe(200);
  });
});

/** A hash as the previous parameters (N=2^14) made it: same format, lower cost. */
function weakHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, 32, { N: 16384, r: 8, p: 1 });
  return `scrypt$16384$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
}
