import { afterAll, describe, expect, it } from 'vitest';
import { openRedis } from './redis';

const url = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('openRedis', () => {
  const client = openRedis(url);
  afterAll(() => client.quit());

  it('talks to the real Redis', async () => {
    const key = `tend:test:${Math.random().toString(36).slice(2)}`;
    await client.set(key, 'v', 'PX', 5_000);
    expect(await client.get(key)).toBe('v');
    await client.del(key);
  });

  it('reports errors instead of crashing when the server is unreachable', async () => {
    const errors: Error[] = [];
    const dead = openRedis('redis://127.0.0.1:1', { onError: (e) => errors.push(e) });
    await expect(dead.ping()).rejects.toThrow();
    expect(errors.length).toBeGreaterThan(0);
    dead.disconnect();
  });
});
