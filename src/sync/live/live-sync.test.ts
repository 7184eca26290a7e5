// Live sync in two "tabs" of one browser (one Web Locks double, Node's real BroadcastChannel) against the
// real server's app on PGlite (`app.request` as fetch): one stream for both, pulls on changes ahead of the
// cursor, takeover when the holder goes, reconnects, token refresh, and the polling fallback.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDatabaseChangeFeed } from '../../../sync-server/live/change-feed';
import { createLiveHub } from '../../../sync-server/live/hub';
import type { LiveHub } from '../../../sync-server/live/hub';
import { createClientApp } from '../../../sync-server/test/client-app';
import type { ClientApp } from '../../../sync-server/test/client-app';
import type { TestUser } from '../../../sync-server/test/harness';
import { formatHlc } from '../../core/hlc';
import { createMutation } from '../../core/merge';
import { createTask } from '../../core/task';
import type { LiveConnection, LiveSync, LiveSyncOptions } from './live-sync';
import { reconnectDelay, startLiveSync } from './live-sync';
import { createWebLocksDouble } from './testing/web-locks-double';

let server: ClientApp;
let userA: TestUser;
let userB: TestUser;
const running: LiveSync[] = [];
/** The app's live hub, swapped by the tests that end every stream or run without one. */
const hub = () => server.server.ctx as { live: LiveHub | null };
let liveHub: LiveHub | null;

beforeAll(async () => {
  server = await createClientApp('live-sync');
  [userA, userB] = [await server.createUser(), await server.createUser()];
  liveHub = hub().live;
});
afterAll(async () => {
  await liveHub?.close();
  await server.close();
});
afterEach(() => {
  running.splice(0).forEach((l) => l.stop());
  hub().live = liveHub;
  server.faults.length = 0;
});

/** The user's change sequence on the server: the cursor a device that pulled everything holds. */
async function seqOf(user: TestUser): Promise<number> {
  const [row] = await server.server.db.query<{ seq: string | number }>(
    'select seq from public.sync_state where owner = $1',
    [user.id],
  );
  return Number(row?.seq ?? 0);
}

/** Ends every open stream, as a restart does: a new hub takes over and the old one closes. */
async function endStreams() {
  const old = liveHub!;
  liveHub = createLiveHub({ feed: createDatabaseChangeFeed(server.server.db) });
  hub().live = liveHub;
  await old.close();
}

const streams = () => hub().live?.count().streams ?? 0;

/** One browser: the device's cursor lives in shared storage (here a variable), as IndexedDB is. */
function createBrowser(user = userA) {
  const { token, id: userId } = user;
  const locks = createWebLocksDouble();
  const device = { cursor: undefined as number | undefined };
  const openTab = (overrides: Partial<LiveSyncOptions> = {}) => {
    const tab = { connection: [] as LiveConnection[], pulls: 0 };
    const live = startLiveSync({
      userId,
      fetch: server.fetch,
      baseUrl: server.url,
      getAccessToken: async () => token,
      getCursor: async () => device.cursor,
      async pull() {
        tab.pulls += 1;
        const res = await server.fetch(`${server.url}/api/sync/pull`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        device.cursor = Number(((await res.json()) as { cursor: string }).cursor);
      },
      onConnection: (c) => tab.connection.push(c),
      locks,
      openChannel: (name) => new BroadcastChannel(name) as unknown as BroadcastChannel,
      isOnline: () => true,
      onOnline: () => () => undefined,
      ...overrides,
    });
    running.push(live);
    return { ...tab, live, tab };
  };
  return { device, openTab };
}

async function pushFromAnotherDevice({ token }: TestUser, count = 1) {
  // One after another, as fast as the server answers: a burst.
  for (let i = 0; i < count; i++) {
    const task = createTask(
      { title: `remote ${i}` },
      { id: randomUUID(), now: new Date().toISOString() },
    );
    const hlc = formatHlc({ millis: Date.now(), counter: i, node: 'EEEEEEEEEEEEEEEE' });
    const res = await server.fetch(`${server.url}/api/sync/push`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        clientId: 'other',
        mutations: [createMutation(task, hlc, randomUUID())],
      }),
    });
    expect(res.status).toBe(200);
  }
}

const lastOf = (list: LiveConnection[]) => list.at(-1);

describe('live sync', () => {
  it('two tabs share one stream; a burst of 50 changes costs a few pulls, not one per change', async () => {
    const browser = createBrowser();
    const a = browser.openTab();
    const b = browser.openTab();
    await expect.poll(() => lastOf(a.tab.connection)).toBe('live');
    await expect.poll(() => lastOf(b.tab.connection)).toBe('live');
    expect(streams()).toBe(1);
    // The stream's first event (the server's current sequence) brings a never-synced device up to date.
    await expect.poll(() => browser.device.cursor).toBeDefined();
    const before = { a: a.tab.pulls, b: b.tab.pulls };

    const seqBefore = await seqOf(userA);
    const burstStarted = Date.now();
    await pushFromAnotherDevice(userA, 50);
    const burstMs = Date.now() - burstStarted;
    const seq = await seqOf(userA);
    expect(seq).toBe(seqBefore + 50);
    await expect.poll(() => browser.device.cursor).toBe(seq);
    await new Promise((r) => setTimeout(r, 700));
    // The exact count (one, or two when the burst straddles a pull) is the scheduler's own test with
    // manual timers. Here the burst's length depends on the machine's load: a tab pulls at most once
    // per 400 ms window of it, plus the trailing pull, never once per change.
    const bound = Math.ceil(burstMs / 400) + 2;
    expect(a.tab.pulls - before.a).toBeGreaterThanOrEqual(1);
    expect(a.tab.pulls - before.a).toBeLessThanOrEqual(bound);
    expect(b.tab.pulls - before.b).toBeLessThanOrEqual(bound);
    expect(bound).toBeLessThan(50);
    expect(streams()).toBe(1);
  });

  it("another user's changes make no tab pull", async () => {
    const browser = createBrowser();
    const a = browser.openTab();
    await expect.poll(() => lastOf(a.tab.connection)).toBe('live');
    await expect.poll(() => browser.device.cursor).toBeDefined();
    const pulls = a.tab.pulls;
    await pushFromAnotherDevice(userB, 3);
    await pushFromAnotherDevice(userA, 1); // a marker: once this arrives, the others would have too
    await expect.poll(async () => browser.device.cursor === (await seqOf(userA))).toBe(true);
    expect(a.tab.pulls).toBe(pulls + 1);
  });

  it('a cursor storage cannot read (closed under the page) asks for a pull instead of rejecting unhandled', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      const browser = createBrowser();
      let readable = true;
      const a = browser.openTab({
        getCursor: async () => {
          if (!readable) throw new Error('Database has been closed');
          return browser.device.cursor;
        },
      });
      await expect.poll(() => lastOf(a.tab.connection)).toBe('live');
      await expect.poll(() => browser.device.cursor).toBeDefined();
      const pulls = a.tab.pulls;
      readable = false;
      await pushFromAnotherDevice(userA, 1);
      // The engine's pull reports the storage failure itself; live sync only has to ask for it.
      await expect.poll(() => a.tab.pulls).toBeGreaterThan(pulls);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
    }
  });

  it('when the tab holding the stream closes, another opens it and keeps pulling', async () => {
    const browser = createBrowser();
    const a = browser.openTab();
    const b = browser.openTab();
    await expect.poll(() => lastOf(b.tab.connection)).toBe('live');
    a.live.stop();
    await expect.poll(() => streams()).toBe(1);
    const pulls = b.tab.pulls;
    await pushFromAnotherDevice(userA, 1);
    await expect.poll(async () => browser.device.cursor === (await seqOf(userA))).toBe(true);
    expect(b.tab.pulls).toBeGreaterThan(pulls);
  });

  it('reconnects after the server ends the stream, and hears later changes', async () => {
    const browser = createBrowser();
    const a = browser.openTab();
    await expect.poll(() => lastOf(a.tab.connection)).toBe('live');
    await endStreams();
    await expect.poll(() => a.tab.connection.includes('connecting')).toBe(true);
    // The server's `retry:` is seconds, spread with jitter.
    await expect.poll(() => lastOf(a.tab.connection), { timeout: 10_000 }).toBe('live');
    await pushFromAnotherDevice(userA, 1);
    await expect.poll(async () => browser.device.cursor === (await seqOf(userA))).toBe(true);
  });

  it('refreshes the token once after a 401 and connects with the new one', async () => {
    let token = 'expired-token';
    const browser = createBrowser();
    const a = browser.openTab({
      getAccessToken: async () => token,
      refreshAccessToken: async () => (token = userA.token),
    });
    await expect.poll(() => lastOf(a.tab.connection)).toBe('live');
  });

  it('falls back (unavailable) when the server cannot hold streams', async () => {
    // A serverless host holds no streams.
    hub().live = null;
    const browser = createBrowser();
    const a = browser.openTab();
    await expect.poll(() => lastOf(a.tab.connection)).toBe('unavailable');
    expect(streams()).toBe(0);
  });

  it('waits with jitter: spread reconnects after an ended stream, Retry-After at least, back-off on failures', () => {
    const backoff = { baseMs: 1_000, maxMs: 60_000 };
    expect(reconnectDelay({ kind: 'ended' }, 0, 3_000, backoff, () => 0)).toBe(1_500);
    expect(reconnectDelay({ kind: 'ended' }, 0, 3_000, backoff, () => 0.999)).toBeLessThan(4_500);
    expect(
      reconnectDelay({ kind: 'refused', retryAfterMs: 30_000 }, 1, 3_000, backoff, () => 0.5),
    ).toBe(30_000);
    expect(reconnectDelay({ kind: 'failed' }, 3, 3_000, backoff, () => 0.5)).toBe(4_000);
    expect(reconnectDelay({ kind: 'failed' }, 30, 3_000, backoff, () => 0.5)).toBe(30_000);
    expect(reconnectDelay({ kind: 'unavailable' }, 1, 3_000, backoff, () => 0.5)).toBe(300_000);
  });
});
