// Sign-out, disable and role changes end a session on every server instance within seconds: two app
// instances over one database (two connections on PostgreSQL), each with its own process cache, and a
// shared injected clock so the cache expiry is stepped, not waited for. The refresh grant keeps GoTrue's
// grace for concurrent refreshes but refuses a revoked session at once, and a disabled user.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openPostgres } from '../db/postgres';
import type { Db } from '../db/types';
import { createTestApp } from '../ops/test-support/ops-test-app';
import type { TestApp } from '../ops/test-support/ops-test-app';
import type { TestDatabase } from '../test/harness';
import { createTestDatabase, databaseKinds } from '../test/harness';
import { openRedis, type RedisClient } from '../db/redis';
import { REDIS_TEST_URL } from '../test/state-backends';
import { createStateBackend } from './backend';
import { REVOKED_SESSION_TTL_MS, SESSION_CACHE_MS } from './sessions';

// Every sign-up and sign-in hashes at OWASP's scrypt cost (about 0.3 s a core): room on a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

const kinds = await databaseKinds();
type Session = { access_token: string; refresh_token: string; user: { id: string } };

describe.each(kinds)('revoked sessions across instances on %s', (kind) => {
  let database: TestDatabase;
  let second: Db;
  let a: TestApp;
  let b: TestApp;
  let time = Date.now();
  const now = () => time;

  beforeAll(async () => {
    database = await createTestDatabase(kind, 'sessions');
    // PostgreSQL: a second connection pool, as a second instance has. PGlite is one process's database.
    second = database.url ? openPostgres(database.url, { max: 2 }) : database.db;
    a = await createTestApp(database.db, {}, {}, { now });
    b = await createTestApp(second, {}, {}, { now });
  });
  afterAll(async () => {
    if (second !== database.db) await second.close();
    await database.drop();
  });

  const json = { 'content-type': 'application/json' };
  const post = (t: TestApp, path: string, body: unknown, token?: string) =>
    t.app.request(path, {
      method: 'POST',
      headers: token ? { ...json, authorization: `Bearer ${token}` } : json,
      body: JSON.stringify(body),
    });
  const pull = (t: TestApp, token: string) =>
    t.app.request('/api/sync/pull', { headers: { authorization: `Bearer ${token}` } });
  const refresh = (t: TestApp, token: string) =>
    post(t, '/auth/v1/token?grant_type=refresh_token', { refresh_token: token });

  async function signUp(): Promise<Session> {
    const res = await post(a, '/auth/v1/signup', {
      email: `${randomUUID()}@example.test`,
      password: 'correct horse battery',
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Session;
  }

  /** Both instances answer `status` for the token once every cache has expired. */
  async function expectEverywhere(token: string, status: number) {
    time += SESSION_CACHE_MS + 1;
    expect((await pull(a, token)).status).toBe(status);
    expect((await pull(b, token)).status).toBe(status);
  }

  it('sign-out: the access token is refused at once here and within seconds on the other instance', async () => {
    const session = await signUp();
    expect((await pull(a, session.access_token)).status).toBe(200);
    expect((await pull(b, session.access_token)).status).toBe(200); // cached as live on B
    expect((await post(a, '/auth/v1/logout?scope=local', {}, session.access_token)).status).toBe(
      204,
    );
    const refused = await pull(a, session.access_token);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
      'session_not_found',
    );
    await expectEverywhere(session.access_token, 401);
  });

  it('a refresh token inside the reuse grace is refused once its session was signed out', async () => {
    const session = await signUp();
    // A normal rotation; the old token still works inside the grace (two tabs refreshing together).
    const rotated = (await (await refresh(a, session.refresh_token)).json()) as Session;
    expect((await refresh(b, session.refresh_token)).status).toBe(200);
    await post(a, '/auth/v1/logout?scope=local', {}, rotated.access_token);
    for (const token of [session.refresh_token, rotated.refresh_token]) {
      const res = await refresh(b, token);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error_code: string }).error_code).toBe('session_not_found');
    }
  });

  it('an admin disabling a user: every session ends everywhere, and refresh is refused', async () => {
    const session = await signUp();
    const admin = await a.token('admin');
    expect((await pull(b, session.access_token)).status).toBe(200);
    const res = await a.app.request(`/api/admin/users/${session.user.id}`, {
      method: 'PATCH',
      headers: { ...json, authorization: `Bearer ${admin}` },
      body: JSON.stringify({ disabled: true }),
    });
    expect(res.status).toBe(200);
    await expectEverywhere(session.access_token, 401);
    expect((await refresh(b, session.refresh_token)).status).toBe(400);
  });

  it('a role change (demotion): the tokens carrying the old role stop working everywhere', async () => {
    const session = await signUp();
    const admin = await a.token('admin');
    const patch = (role: string | null) =>
      a.app.request(`/api/admin/users/${session.user.id}`, {
        method: 'PATCH',
        headers: { ...json, authorization: `Bearer ${admin}` },
        body: JSON.stringify({ role }),
      });
    expect((await patch('support')).status).toBe(200);
    await expectEverywhere(session.access_token, 401);
    expect((await refresh(b, session.refresh_token)).status).toBe(400);
  });

  it('a user disabled in the database by hand gets no new token from the refresh grant', async () => {
    const session = await signUp();
    await database.db.query(
      `update auth.users set raw_app_meta_data = raw_app_meta_data || '{"disabled": true}'::jsonb
        where id = $1`,
      [session.user.id],
    );
    const res = await refresh(b, session.refresh_token);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error_code: string }).error_code).toBe('user_banned');
  });
});

describe('revoked sessions across instances in Redis (REDIS_URL set)', () => {
  let database: TestDatabase;
  let redis: RedisClient;
  let a: TestApp;
  let b: TestApp;
  let time = Date.now();
  const now = () => time;
  const prefix = `tend-test:sessions:${randomUUID().slice(0, 8)}:`;

  beforeAll(async () => {
    database = await createTestDatabase('pglite', 'sessions_redis');
    redis = openRedis(REDIS_TEST_URL);
    // Two instances: one database, one Redis, each its own process cache.
    const state = (instanceId: string) =>
      createStateBackend({ db: database.db, redis, redisPrefix: prefix, instanceId, now });
    a = await createTestApp(database.db, {}, {}, { now, state: state('a') });
    b = await createTestApp(database.db, {}, {}, { now, state: state('b') });
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await database.drop();
  });

  async function signUp(): Promise<Session> {
    const res = await a.app.request('/auth/v1/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${randomUUID()}@example.test`, password: 'correct horse' }),
    });
    return (await res.json()) as Session;
  }

  it('a sign-out on one instance is refused on the other from Redis, with an expiry', async () => {
    const session = await signUp();
    const pull = (t: TestApp) =>
      t.app.request('/api/sync/pull', {
        headers: { authorization: `Bearer ${session.access_token}` },
      });
    expect((await pull(b)).status).toBe(200);
    const logout = await a.app.request('/auth/v1/logout?scope=local', {
      method: 'POST',
      headers: { authorization: `Bearer ${session.access_token}` },
    });
    expect(logout.status).toBe(204);
    // Not the database row that answers: Redis does, so no request reads the database for it.
    await database.db.query('delete from tend_auth.revoked_sessions');
    time += SESSION_CACHE_MS + 1;
    expect((await pull(b)).status).toBe(401);
    const claims = JSON.parse(
      Buffer.from(session.access_token.split('.')[1], 'base64url').toString(),
    ) as { session_id: string };
    const ttl = await redis.pttl(`${prefix}revoked-session:${claims.session_id}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(REVOKED_SESSION_TTL_MS);
  });

  it('a reused refresh token ends its session in Redis too, once the refresh grant committed', async () => {
    const session = await signUp();
    const refresh = () =>
      a.app.request('/auth/v1/token?grant_type=refresh_token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refresh_token: session.refresh_token }),
      });
    expect((await refresh()).status).toBe(200);
    time += 11_000; // past GoTrue's reuse grace
    expect((await refresh()).status).toBe(400);
    await database.db.query('delete from tend_auth.revoked_sessions');
    time += SESSION_CACHE_MS + 1;
    const pull = await b.app.request('/api/sync/pull', {
      headers: { authorization: `Bearer ${session.access_token}` },
    });
    expect(pull.status).toBe(401);
  });
});
