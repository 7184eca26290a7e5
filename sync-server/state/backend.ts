// Where state shared by every server instance lives: PostgreSQL (the server's database, PGlite when embedded)
// or Redis when REDIS_URL is set. Each concern in this folder takes a backend and keeps only a cache in
// process memory; `instanceId` names this process in what it writes, so readers can sum across instances.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from '../db/types';
import { openRedis, type RedisClient } from '../db/redis';

export interface StateBackend {
  db: Pick<Db, 'kind' | 'query' | 'transaction'>;
  /** Set when REDIS_URL is: then the shared state lives in Redis, under `redisPrefix`. */
  redis: RedisClient | null;
  redisPrefix: string;
  instanceId: string;
  now: () => number;
}

/** Unique per process start, readable in a dashboard: host, pid and a few random characters. */
function createInstanceId(): string {
  return `${hostname()}-${process.pid}-${randomUUID().slice(0, 6)}`;
}

export function createStateBackend(
  parts: Pick<StateBackend, 'db'> & Partial<StateBackend>,
): StateBackend {
  return {
    redis: null,
    redisPrefix: 'tend:',
    instanceId: createInstanceId(),
    now: Date.now,
    ...parts,
  };
}

/** The backend a server process uses: Redis when `redisUrl` is set (REDIS_URL), else its database. */
export function openStateBackend({
  db,
  redisUrl,
  now,
  onRedisError,
}: Pick<StateBackend, 'db' | 'now'> & {
  redisUrl: string | undefined;
  onRedisError: (error: Error) => void;
}): StateBackend {
  const redis = redisUrl
    ? openRedis(redisUrl, { name: 'tend-state', onError: onRedisError })
    : null;
  return createStateBackend({ db, redis, now });
}
