// The one Redis connection factory. Redis is optional: when REDIS_URL is set, state shared by every server
// instance (rate limits, revoked sessions, metrics windows, live events) may live there instead of in
// PostgreSQL. A Redis outage must never crash the process, so errors are logged, not thrown at the emitter.
import { Redis } from 'ioredis';

export type RedisClient = Redis;

interface RedisOptions {
  /** Called with connection errors; ioredis reconnects by itself. */
  onError?: (error: Error) => void;
  /** A second connection for SUBSCRIBE needs its own client; the name shows in CLIENT LIST. */
  name?: string;
}

export function openRedis(url: string, options: RedisOptions = {}): RedisClient {
  const client = new Redis(url, {
    connectionName: options.name ?? 'tend',
    // Fail a command fast while disconnected instead of queueing it without bound.
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(100 * 2 ** attempt, 2_000),
    lazyConnect: false,
  });
  client.on('error', (error: Error) => options.onError?.(error));
  return client;
}
