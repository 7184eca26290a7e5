import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { requireRole, requireUser } from '../middleware/auth';
import type { TestServer } from '../test/harness';
import { createTestServer, databaseKinds, mintToken } from '../test/harness';
import type { AppEnv } from '../context';

// Every sign-up and sign-in hashes at OWASP's scrypt cost (about 0.3 s a core): room on a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

interface Session {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
  expires_at: number;
  user: {
    id: string;
    email: string;
    aud: string;
    app_metadata: Record<string, unknown>;
    user_metadata: Record<string, unknown>;
  };
}

const kinds = await databaseKinds();

describe.each(kinds)('local Supabase Auth (GoTrue) endpoints on %s', (kind) => {
  let server: TestServer;
  let now = Date.parse('2026-11-26T09:00:00.000Z');
  beforeAll(async () => {
    server = await createTestServer(kind, 'auth', {
      env: { ADMIN_EMAILS: 'Boss@Example.test' },
      ctx: { now: () => now },
    });
  });
  afterAll(() => server.close());

  const json = { 'content-type': 'application/json', apikey: 'anything' };
  const post = (path: string, body: unknown, headers: Record<string, string> = json) =>
    server.app.request(path, { method: 'POST', headers, body: JSON.stringify(body) });
  const signUp = async (email: string, password = 'correct horse', data?: object) => {
    const res = await post('/auth/v1/signup', { email, password, data });
    return { res, body: (await res.json()) as Session & { error_code?: string; msg?: string } };
  };

  it('signs up, returning GoTrue session shape, with a working access token', async () => {
    const { res, body } = await signUp('ann@example.test');
    expect(res.status).toBe(200);
    expect(body.token_type).toBe('bearer');
    expect(body.expires_in).toBe(3600);
    expect(body.expires_at).toBe(Math.floor(now / 1000) + 3600);
    expect(body.user).toMatchObject({ email: 'ann@example.test', aud: 'authenticated' });
    const user = await server.app.request('/auth/v1/user', {
      headers: { authorization: `Bearer ${body.access_token}` },
    });
    expect(user.status).toBe(200);
    expect(((await user.json()) as { id: string }).id).toBe(body.user.id);
    const pull = await server.app.request('/api/sync/pull', {
      headers: { authorization: `Bearer ${body.access_token}` },
    });
    expect(pull.status).toBe(200);
  });

  it('refuses a second sign-up with the same email (any case) and weak passwords', async () => {
    await signUp('dup@example.test');
    const again = await signUp('DUP@example.test');
    expect(again.res.status).toBe(422);
    expect(again.body.error_code).toBe('user_already_exists');
    const weak = await signUp('weak@example.test', 'short');
    expect(weak.res.status).toBe(422);
    expect(weak.body.error_code).toBe('weak_password');
    const badEmail = await signUp('not-an-email');
    expect(badEmail.res.status).toBe(400);
  });

  it('grants no role at sign-up, not for an ADMIN_EMAILS address nor a role in user_metadata', async () => {
    // Anyone can type an address at sign-up: ADMIN_EMAILS applies only once a mailed link proves it.
    const boss = await signUp('boss@example.test');
    expect(boss.body.user.app_metadata.role).toBeUndefined();
    const sneaky = await signUp('sneaky@example.test', 'correct horse', { role: 'admin' });
    expect(sneaky.body.user.app_metadata.role).toBeUndefined();
    for (const id of [boss.body.user.id, sneaky.body.user.id]) {
      const profile = await server.db.query<{ staff_role: string | null }>(
        'select staff_role from public.profiles where id = $1',
        [id],
      );
      expect(profile[0].staff_role).toBeNull();
    }
    // requireRole reads the token's app_metadata.
    const app = new Hono<AppEnv>();
    app.onError((e, c) =>
      c.json(
        { status: (e as { status?: number }).status },
        ((e as { status?: number }).status ?? 500) as 403,
      ),
    );
    app.get('/admin', requireUser(server.ctx), requireRole('admin'), (c) => c.text('ok'));
    for (const token of [boss.body.access_token, sneaky.body.access_token]) {
      const res = await app.request('/admin', { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(403);
    }
  });

  it('signs in with a password and refuses a wrong one with GoTrue error shape', async () => {
    await signUp('pat@example.test');
    const ok = await post('/auth/v1/token?grant_type=password', {
      email: 'pat@example.test',
      password: 'correct horse',
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as Session).refresh_token).toBeTruthy();
    const bad = await post('/auth/v1/token?grant_type=password', {
      email: 'pat@example.test',
      password: 'wrong horse',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error_code: 'invalid_credentials',
      msg: 'Invalid login credentials',
    });
    const unknown = await post('/auth/v1/token?grant_type=password', {
      email: 'nobody@example.test',
      password: 'x',
    });
    expect(unknown.status).toBe(400);
  });

  it('backs off an account after five failed logins with 429 and Retry-After', async () => {
    await signUp('rl@example.test');
    let last: Response | undefined;
    for (let i = 0; i < 7; i++) {
      last = await post('/auth/v1/token?grant_type=password', {
        email: 'rl@example.test',
        password: 'nope nope',
      });
    }
    expect(last!.status).toBe(429);
    expect(last!.headers.get('retry-after')).toBe('1');
    expect(await last!.json()).toMatchObject({ error_code: 'over_request_rate_limit' });
    // Even the right password waits until the back-off has run.
    const right = await post('/auth/v1/token?grant_type=password', {
      email: 'rl@example.test',
      password: 'correct horse',
    });
    expect(right.status).toBe(429);
    now += 1000;
    const later = await post('/auth/v1/token?grant_type=password', {
      email: 'rl@example.test',
      password: 'correct horse',
    });
    expect(later.status).toBe(200);
  });

  it('rotates refresh tokens; reusing a rotated one is refused and revokes the session', async () => {
    const { body } = await signUp('rot@example.test');
    const first = await post('/auth/v1/token?grant_type=refresh_token', {
      refresh_token: body.refresh_token,
    });
    expect(first.status).toBe(200);
    const rotated = (await first.json()) as Session;
    expect(rotated.refresh_token).not.toBe(body.refresh_token);
    // Within GoTrue's reuse interval a second exchange (another tab) still works, in the same session...
    now += 5_000;
    const concurrent = await post('/auth/v1/token?grant_type=refresh_token', {
      refresh_token: body.refresh_token,
    });
    expect(concurrent.status).toBe(200);
    // ...after it, reuse means the token leaked: refused, and the whole family is revoked.
    now += 10_001;
    const reuse = await post('/auth/v1/token?grant_type=refresh_token', {
      refresh_token: body.refresh_token,
    });
    expect(reuse.status).toBe(400);
    expect(((await reuse.json()) as { error_code: string }).error_code).toBe(
      'refresh_token_already_used',
    );
    // The whole family is gone: the newest token no longer works either.
    const after = await post('/auth/v1/token?grant_type=refresh_token', {
      refresh_token: rotated.refresh_token,
    });
    expect(after.status).toBe(400);
    const unknown = await post('/auth/v1/token?grant_type=refresh_token', {
      refresh_token: 'made-up',
    });
    expect(((await unknown.json()) as { error_code: string }).error_code).toBe(
      'refresh_token_not_found',
    );
  });

  it('logs out: refresh tokens die and /user reports the session gone', async () => {
    const { body } = await signUp('out@example.test');
    const auth = { ...json, authorization: `Bearer ${body.access_token}` };
    const res = await server.app.request('/auth/v1/logout', { method: 'POST', headers: auth });
    expect(res.status).toBe(204);
    const refresh = await post('/auth/v1/token?grant_type=refresh_token', {
      refresh_token: body.refresh_token,
    });
    expect(refresh.status).toBe(400);
    const user = await server.app.request('/auth/v1/user', { headers: auth });
    expect(user.status).toBe(403);
  });

  it('needs no apikey header, and answers bad requests without a 500', async () => {
    const res = await server.app.request('/auth/v1/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":',
    });
    expect(res.status).toBe(400);
    const grant = await post('/auth/v1/token?grant_type=magic', {});
    expect(grant.status).toBe(400);
    const noToken = await server.app.request('/auth/v1/user');
    expect(noToken.status).toBe(401);
    const forged = await server.app.request('/auth/v1/user', {
      headers: {
        authorization: `Bearer ${await mintToken(crypto.randomUUID(), {}, { secret: 'x'.repeat(40) })}`,
      },
    });
    expect(forged.status).toBe(401);
  });

  it('never stores or returns the password', async () => {
    const { body } = await signUp('hash@example.test', 'my secret words');
    expect(JSON.stringify(body)).not.toContain('my secret words');
    const rows = await server.db.query<{ encrypted_password: string }>(
      'select encrypted_password from auth.users where id = $1',
      [body.user.id],
    );
    expect(rows[0].encrypted_password).toMatch(/^scrypt\$/);
  });
});
