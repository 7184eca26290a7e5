// The hub on a real (PGlite) feed: a stream nobody reads is dropped once its queue passes the limit
// instead of growing; heartbeats keep idle streams talking; a feed that cannot listen refuses streams.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSseParser } from '../../src/core/sync/live-events';
import type { TestDatabase } from '../test/harness';
import { createTestDatabase } from '../test/harness';
import {
  CHANGE_CHANNEL,
  createDatabaseChangeFeed,
  decodeChange,
  encodeChange,
} from './change-feed';
import { createLiveHub, LiveRefusedError } from './hub';

describe('live hub', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('pglite', 'live_hub');
  });
  afterAll(() => database.drop());

  const notify = (owner: string, seq: number) =>
    database.db.query('select pg_notify($1, $2)', [CHANGE_CHANNEL, encodeChange({ owner, seq })]);
  const open = (hub: ReturnType<typeof createLiveHub>, owner: string) =>
    hub.open({ owner, expiresAt: Date.now() + 60_000, currentSeq: async () => 0 });

  it('drops a reader that stops reading instead of queueing without bound', async () => {
    const hub = createLiveHub({
      feed: createDatabaseChangeFeed(database.db),
      limits: { maxQueuedBytes: 2048 },
    });
    const owner = randomUUID();
    const idle = await open(hub, owner);
    expect(hub.count().streams).toBe(1);
    for (let seq = 1; seq <= 200 && hub.count().streams > 0; seq++) await notify(owner, seq);
    expect(hub.count()).toEqual({ streams: 0, users: 0 });
    await expect(idle.getReader().read()).rejects.toThrow(/slow reader/);
    await hub.close();
  });

  it('keeps a reading stream and writes a comment line every heartbeat', async () => {
    const hub = createLiveHub({
      feed: createDatabaseChangeFeed(database.db),
      limits: { maxQueuedBytes: 2048, heartbeatMs: 20 },
    });
    const owner = randomUUID();
    const reader = (await open(hub, owner)).getReader();
    const decoder = new TextDecoder();
    const comments: string[] = [];
    const seqs: string[] = [];
    const parser = createSseParser({
      onEvent: (e) => seqs.push(e.data),
      onComment: (c) => comments.push(c),
    });
    const reading = (async () => {
      while (!comments.includes('keep-alive') || !seqs.includes('{"seq":200}')) {
        const { value, done } = await reader.read();
        if (done) break;
        parser.push(decoder.decode(value, { stream: true }));
      }
    })();
    for (let seq = 1; seq <= 200; seq++) await notify(owner, seq);
    await reading;
    expect(hub.count().streams).toBe(1);
    expect(seqs.at(-1)).toBe('{"seq":200}');
    await reader.cancel();
    expect(hub.count().streams).toBe(0);
    await hub.close();
  });

  it('refuses streams (live_unavailable) while the feed cannot listen, and tries again later', async () => {
    let attempts = 0;
    const hub = createLiveHub({
      feed: {
        ...createDatabaseChangeFeed(database.db),
        listen: async () => {
          attempts += 1;
          throw new Error('LISTEN is not supported by the transaction pooler');
        },
      },
    });
    for (let i = 0; i < 2; i++) {
      const error = await open(hub, randomUUID()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LiveRefusedError);
      expect((error as LiveRefusedError).refusal.code).toBe('live_unavailable');
    }
    expect(attempts).toBe(2);
    expect(hub.count().streams).toBe(0);
  });

  it('reads only well-formed payloads from the channel', () => {
    const owner = randomUUID();
    expect(decodeChange(encodeChange({ owner, seq: 12 }))).toEqual({ owner, seq: 12 });
    for (const bad of ['', 'x 1', `${owner} -1`, `${owner} 1 2`, `${owner} 1e3x`, `${owner}`])
      expect(decodeChange(bad)).toBeNull();
  });
});
