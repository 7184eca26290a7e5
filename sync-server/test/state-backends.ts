// Test harness (not a test double): shared-state backends on real stores, PostgreSQL (a fresh database, or
// PGlite when PostgreSQL is unreachable) and Redis under a prefix of the test's own, with one backend per
// simulated instance over the same store.
import { randomUUID } from 'node:crypto';
import { openRedis, type RedisClient } from '../db/redis';
import { createStateBackend, type StateBackend } from '../state/backend';
import { createTestDatabase, pgReachable, type TestDatabase } from './harness';

export type StateKind = 'postgres' | 'redis';

export const REDIS_TEST_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface StateStores {
  /** A backend as instance `name` would build it. */
  instance(name: string, now?: () => number): StateBackend;
  close(): Promise<void>;
}

export async function openStateStores(kind: StateKind, suite: string): Promise<StateStores> {
  const database: TestDatabase = await createTestDatabase(
    (await pgReachable()) ? 'postgres' : 'pglite',
    `state_${suite}`,
  );
  let redis: RedisClient | null = null;
  const prefix = `tend-test:${suite}:${randomUUID().slice(0, 8)}:`;
  if (kind === 'redis') redis = openRedis(REDIS_TEST_URL);
  return {
    instance: (name, now = Date.now) =>
      createStateBackend({
        db: database.db,
        redis,
        redisPrefix: prefix,
        instanceId: name,
        now,
      }),
    async close() {
      if (redis) {
        const keys = await redis.keys(`${prefix}*`);
        if (keys.length > 0) await redis.del(...keys);
        await redis.quit();
      }
      await database.drop();
    },
  };
}
