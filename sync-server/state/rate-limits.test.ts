import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRedis, type RedisClient } from '../db/redis';
import { createTestDatabase, pgReachable, type TestDatabase } from '../test/harness';
import { REDIS_TEST_URL } from '../test/state-backends';
import { createStateBackend } from './backend';
import { backoffWait, createRateLimitStore, storedKey, type BackoffPolicy } from './rate-limits';

const SECRET = 'rate-limit-test-secret';
const POLICY: BackoffPolicy = { freeFailures: 3, baseMs: 1000, maxMs: 8000, forgetMs: 60_000 };
const kinds = ['pglite', ...((await pgReachable()) ? ['postgres'] : []), 'redis'] as const;

describe('backoffWait', () => {
  it('is free within the budget, then doubles from the base up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 60].map((n) => backoffWait(n, POLICY))).toEqual([
      0, 0, 0, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
  });
});

describe.each(kinds)('rate-limit store on %s', (kind) => {
  let database: TestDatabase;
  let redis: RedisClient | null = null;
  const prefix = `tend-test:limits:${randomUUID().slice(0, 8)}:`;
  let now = Date.parse('2026-12-02T10:00:00Z');

  beforeAll(async () => {
    database = await createTestDatabase(kind === 'postgres' ? 'postgres' : 'pglite', 'limits');
    if (kind === 'redis') redis = openRedis(REDIS_TEST_URL);
  });
  afterAll(async () => {
    if (redis) {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    }
    await database.drop();
  });

  /** The store as instance `name` builds it: same database or Redis, its own process state. */
  const instance = (name: string, pruneEveryMs?: number) =>
    createRateLimitStore(
      createStateBackend({
        db: database.db,
        redis,
        redisPrefix: prefix,
        instanceId: name,
        now: () => now,
      }),
      { keySecret: SECRET, pruneEveryMs },
    );

  it('counts a fixed window across instances and starts a new one when it ends', async () => {
    const [a, b] = [instance('a'), instance('b')];
    const key = `window:${randomUUID()}`;
    expect(await a.hitWindow(key, 2, 60_000)).toEqual({
      allowed: true,
      count: 1,
      resetAt: now + 60_000,
    });
    expect((await b.hitWindow(key, 2, 60_000)).allowed).toBe(true);
    const over = await a.hitWindow(key, 2, 60_000);
    expect(over).toMatchObject({ allowed: false, count: 3 });
    now += 60_000;
    expect(await b.hitWindow(key, 2, 60_000)).toMatchObject({ allowed: true, count: 1 });
  });

  it('backs off exponentially past the free failures, refusing without counting while it runs', async () => {
    const [a, b] = [instance('a'), instance('b')];
    const key = `account:${randomUUID()}`;
    for (let i = 1; i <= 3; i++) {
      expect(await (i % 2 ? a : b).attempt(key, POLICY)).toEqual({
        admitted: true,
        failures: i,
        blockedUntil: now,
      });
    }
    expect(await a.attempt(key, POLICY)).toEqual({
      admitted: true,
      failures: 4,
      blockedUntil: now + 1000,
    });
    // Refused on the other instance too, and the refusals do not lengthen the wait.
    for (let i = 0; i < 5; i++) {
      expect(await b.attempt(key, POLICY)).toEqual({
        admitted: false,
        failures: 4,
        blockedUntil: now + 1000,
      });
    }
    now += 1000;
    expect(await b.attempt(key, POLICY)).toMatchObject({
      admitted: true,
      blockedUntil: now + 2000,
    });
    now += 2000;
    await a.attempt(key, POLICY);
    now += 4000;
    await a.attempt(key, POLICY);
    now += 8000;
    // Capped: never longer than maxMs, however many failures.
    expect(await a.attempt(key, POLICY)).toMatchObject({ failures: 8, blockedUntil: now + 8000 });
  });

  it('forgets the failures after a success, or once forgetMs has passed', async () => {
    const store = instance('a');
    const key = `account:${randomUUID()}`;
    for (let i = 0; i < 4; i++) await store.attempt(key, POLICY);
    await instance('b').clear(key);
    expect(await store.attempt(key, POLICY)).toMatchObject({ admitted: true, failures: 1 });
    for (let i = 0; i < 3; i++) await store.attempt(key, POLICY);
    now += 1000 + POLICY.forgetMs;
    expect(await store.attempt(key, POLICY)).toMatchObject({ admitted: true, failures: 1 });
  });

  it('admits no more of a parallel burst than of the same attempts in sequence', async () => {
    const stores = [instance('a'), instance('b'), instance('c')];
    const key = `account:${randomUUID()}`;
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) => stores[i % 3].attempt(key, POLICY)),
    );
    // The free three, and the fourth, which starts the wait.
    expect(results.filter((r) => r.admitted)).toHaveLength(4);
  });

  it('stores keys hashed and prunes the expired rows', async () => {
    if (kind === 'redis') {
      const key = `window:${randomUUID()}`;
      await instance('a').hitWindow(key, 5, 60_000);
      const stored = await redis!.keys(`${prefix}limit:*`);
      expect(stored).toContain(`${prefix}limit:${storedKey(key, SECRET)}`);
      expect(stored.join()).not.toContain(key);
      expect(await redis!.pttl(`${prefix}limit:${storedKey(key, SECRET)}`)).toBeGreaterThan(0);
      return;
    }
    const store = instance('a', Infinity);
    await store.hitWindow('window:someone@example.test', 5, 60_000);
    const rows = await database.db.query<{ key: string }>('select key from tend_auth.rate_limits');
    expect(rows.map((r) => r.key)).toContain(storedKey('window:someone@example.test', SECRET));
    expect(rows.some((r) => r.key.includes('@'))).toBe(false);
    now += 2 * 60 * 60_000;
    await store.hitWindow('window:fresh', 5, 60_000);
    expect(await store.prune()).toBe(rows.length);
    const left = await database.db.query<{ key: string }>('select key from tend_auth.rate_limits');
    expect(left.map((r) => r.key)).toEqual([storedKey('window:fresh', SECRET)]);
  });
});
