// GET /api/sync/events over real HTTP on real databases: a commit that changes a user's data reaches that
// user's streams (on every instance: PostgreSQL NOTIFY, or Redis pub/sub), and nobody else's; limits
// answer 429; an expiring token ends the stream. Servers listen on port 0 (a free port).
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import type { ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { loadConfig } from '../config';
import type { Env } from '../config';
import { createContext } from '../context';
import { openPostgres } from '../db/postgres';
import { pingRedis } from '../ops/health/redis-check';
import type { Db } from '../db/types';
import { createLogger } from '../logging/logger';
import { createMutationFor, editMutation } from '../test/fixtures';
import type { DbKind, TestDatabase, TestUser } from '../test/harness';
import {
  TEST_JWT_SECRET,
  createTestDatabase,
  createTestUser,
  databaseKinds,
  mintToken,
} from '../test/harness';
import { connectEvents } from '../test/sse-client';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisUp = await pingRedis(REDIS_URL, 1000).then(
  () => true,
  () => false,
);

interface Instance {
  url: string;
  close(): Promise<void>;
}

/**
 * One server instance over `db`: its own hub and HTTP listener, as a separate process would have. The
 * hub comes from the environment (REDIS_URL, LIVE_MAX_STREAMS...) as in production.
 */
async function startInstance(db: Db, options: { env?: Env } = {}): Promise<Instance> {
  const dir = mkdtempSync(join(tmpdir(), 'tend-live-'));
  const ctx = createContext({
    config: loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: dir,
      DIST_DIR: join(dir, 'dist'),
      ...options.env,
    }),
    db,
    logger: createLogger({ level: 'silent' }),
    secrets: { jwtSecret: TEST_JWT_SECRET, encryptionKey: 'k', cronSecret: 'c' },
  });
  const live = ctx.live!;
  const app = createApp(ctx);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await live.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function push(instance: Instance, user: TestUser, mutations: unknown[]) {
  const res = await fetch(`${instance.url}/api/sync/push`, {
    method: 'POST',
    headers: user.headers,
    body: JSON.stringify({ clientId: 'device', mutations }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { applied: string[]; rejected: unknown[] };
}

const kinds = await databaseKinds();

describe.each(kinds)('live events on %s', (kind: DbKind) => {
  let database: TestDatabase;
  let instance: Instance;

  beforeAll(async () => {
    database = await createTestDatabase(kind, 'live_events');
    instance = await startInstance(database.db);
  });
  afterAll(async () => {
    await instance.close();
    await database.drop();
  });

  it('streams text/event-stream with a retry field and the current sequence first', async () => {
    const user = await createTestUser();
    await push(instance, user, [createMutationFor('One'), createMutationFor('Two')]);
    const stream = await connectEvents(instance.url, user.token);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('cache-control')).toBe('no-store');
    expect(await stream.waitForSeq(2)).toBe(2);
    expect(stream.retryMs).toBeGreaterThan(0);
    stream.close();
  });

  it("sends each commit's sequence to the user's streams, and nothing to another user", async () => {
    const alice = await createTestUser();
    const bob = await createTestUser();
    const [a1, a2, b] = await Promise.all([
      connectEvents(instance.url, alice.token),
      connectEvents(instance.url, alice.token),
      connectEvents(instance.url, bob.token),
    ]);
    await Promise.all([a1.waitForSeq(0), a2.waitForSeq(0), b.waitForSeq(0)]);

    const create = createMutationFor('Buy milk');
    await push(instance, alice, [create]);
    expect(await a1.waitForSeq(1)).toBe(1);
    expect(await a2.waitForSeq(1)).toBe(1);
    await push(instance, alice, [editMutation(create.taskId, { priority: 2 }, 1000)]);
    expect(await a1.waitForSeq(2)).toBe(2);

    // Bob's own commit comes after Alice's two: had her events reached him, they would be listed first.
    await push(instance, bob, [createMutationFor('Bob task')]);
    await b.waitForSeq(1);
    expect(b.seqs).toEqual([0, 1]);
    for (const s of [a1, a2, b]) s.close();
  });

  it('announces REST writes too, and nothing for a push that changed nothing', async () => {
    const user = await createTestUser();
    const stream = await connectEvents(instance.url, user.token);
    await stream.waitForSeq(0);
    const create = createMutationFor('Replayed');
    await push(instance, user, [create]);
    await stream.waitForSeq(1);
    await push(instance, user, [create]); // a replay: acknowledged, nothing changes
    const res = await fetch(`${instance.url}/api/tasks`, {
      method: 'POST',
      headers: user.headers,
      body: JSON.stringify({ title: 'From a script' }),
    });
    expect(res.status).toBe(201);
    await stream.waitForSeq(2);
    expect(stream.seqs).toEqual([0, 1, 2]);
    stream.close();
  });

  it('refuses without a bearer token, and never reads one from the URL', async () => {
    const user = await createTestUser();
    const res = await fetch(`${instance.url}/api/sync/events?access_token=${user.token}`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
  });

  it('ends the stream when the access token expires', async () => {
    const user = await createTestUser();
    const token = await mintToken(user.id, {}, { expiresIn: Math.floor(Date.now() / 1000) + 2 });
    const stream = await connectEvents(instance.url, token);
    expect(stream.status).toBe(200);
    await stream.waitForSeq(0);
    let ended = false;
    void stream.ended.then(() => (ended = true));
    await stream.ended;
    expect(ended).toBe(true);
  });
});

describe.skipIf(!kinds.includes('postgres'))('live events across instances on PostgreSQL', () => {
  let database: TestDatabase;
  const opened: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('postgres', 'live_instances');
  });
  afterAll(async () => {
    for (const o of opened.reverse()) await o.close();
    await database.drop();
  });

  /** A second process's view: its own pool (and LISTEN connection) on the same database. */
  function ownPool(): Db {
    const db = openPostgres(database.url!, { max: 4 });
    opened.push({ close: () => db.close() });
    return db;
  }

  async function instancePair(env: Env = {}) {
    const dbs = [ownPool(), ownPool()];
    const [one, two] = await Promise.all(dbs.map((db) => startInstance(db, { env })));
    opened.push(one, two);
    return [one, two] as const;
  }

  it('a commit on instance 1 reaches the stream on instance 2 (LISTEN/NOTIFY)', async () => {
    const [one, two] = await instancePair();
    const user = await createTestUser();
    const other = await createTestUser();
    const remote = await connectEvents(two.url, user.token);
    const stranger = await connectEvents(two.url, other.token);
    await Promise.all([remote.waitForSeq(0), stranger.waitForSeq(0)]);
    await push(one, user, [createMutationFor('Across instances')]);
    expect(await remote.waitForSeq(1)).toBe(1);
    await push(one, other, [createMutationFor('Stranger')]);
    await stranger.waitForSeq(1);
    expect(stranger.seqs).toEqual([0, 1]);
    remote.close();
    stranger.close();
  });

  it.skipIf(!redisUp)(
    'with REDIS_URL set, a commit on instance 1 reaches instance 2 through Redis',
    async () => {
      const [one, two] = await instancePair({ REDIS_URL });
      const user = await createTestUser();
      const remote = await connectEvents(two.url, user.token);
      await remote.waitForSeq(0);
      await push(one, user, [createMutationFor('Through Redis'), createMutationFor('Twice')]);
      expect(await remote.waitForSeq(2)).toBe(2);
      remote.close();
    },
  );
});

describe('live stream limits', () => {
  let database: TestDatabase;
  let instance: Instance;

  beforeAll(async () => {
    database = await createTestDatabase('pglite', 'live_limits');
    instance = await startInstance(database.db, {
      env: { LIVE_MAX_STREAMS_PER_USER: '2', LIVE_MAX_STREAMS: '3' },
    });
  });
  afterAll(async () => {
    await instance.close();
    await database.drop();
  });

  it('answers 429 with Retry-After past the per-user and the total limit', async () => {
    const alice = await createTestUser();
    const bob = await createTestUser();
    const held = [
      await connectEvents(instance.url, alice.token),
      await connectEvents(instance.url, alice.token),
    ];
    const third = await connectEvents(instance.url, alice.token);
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);

    held.push(await connectEvents(instance.url, bob.token));
    const overTotal = await connectEvents(instance.url, bob.token);
    expect(overTotal.status).toBe(429);

    // A closed stream frees its place.
    held.shift()!.close();
    await expect
      .poll(async () => {
        const s = await connectEvents(instance.url, alice.token);
        s.close();
        return s.status;
      })
      .toBe(200);
    for (const s of held) s.close();
  });
});

describe('a server without live streams (serverless)', () => {
  it('answers 503 live_unavailable so clients poll', async () => {
    const database = await createTestDatabase('pglite', 'live_off');
    const dir = mkdtempSync(join(tmpdir(), 'tend-live-'));
    const ctx = createContext({
      config: loadConfig({ NODE_ENV: 'test', DATA_DIR: dir }),
      db: database.db,
      logger: createLogger({ level: 'silent' }),
      secrets: { jwtSecret: TEST_JWT_SECRET, encryptionKey: 'k', cronSecret: 'c' },
      live: null,
    });
    const user = await createTestUser();
    const res = await createApp(ctx).request('/api/sync/events', { headers: user.headers });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('live_unavailable');
    await database.drop();
  });
});
