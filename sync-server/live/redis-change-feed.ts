// The change feed over Redis pub/sub (REDIS_URL set): for deployments whose database connection cannot
// LISTEN, such as Supabase's transaction pooler. SUBSCRIBE takes a connection of its own, so the feed
// opens two: one to publish, one to listen.
import type { RedisClient } from '../db/redis';
import { openRedis } from '../db/redis';
import type { ChangeFeed } from './change-feed';
import { decodeChange, encodeChange } from './change-feed';

const REDIS_CHANGE_CHANNEL = 'tend:sync:changes';

interface RedisChangeFeedOptions {
  url: string;
  onError?: (error: Error) => void;
}

export function createRedisChangeFeed(options: RedisChangeFeedOptions): ChangeFeed {
  let publisher: RedisClient | undefined;
  let subscriber: RedisClient | undefined;
  const publisherClient = () =>
    (publisher ??= openRedis(options.url, { name: 'tend-live-publish', onError: options.onError }));

  return {
    kind: 'redis',
    announceCommitted(event) {
      // A lost publish costs a second or so of latency (the client still pulls on focus, online and
      // reconnect), never data: errors are reported, not thrown into the push that already committed.
      publisherClient()
        .publish(REDIS_CHANGE_CHANNEL, encodeChange(event))
        .catch((error: Error) => options.onError?.(error));
    },
    async listen(onChange, onGap) {
      const client = openRedis(options.url, {
        name: 'tend-live-subscribe',
        onError: options.onError,
      });
      subscriber = client;
      client.on('message', (channel: string, payload: string) => {
        if (channel !== REDIS_CHANGE_CHANNEL) return;
        const event = decodeChange(payload);
        if (event) onChange(event);
      });
      await client.subscribe(REDIS_CHANGE_CHANNEL);
      // ioredis subscribes again after a reconnect; whatever was published in between is gone.
      client.on('ready', onGap);
    },
    async close() {
      await Promise.all([publisher, subscriber].map((c) => c?.quit().catch(() => c.disconnect())));
      publisher = subscriber = undefined;
    },
  };
}
