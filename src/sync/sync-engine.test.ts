import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createClientApp } from '../../sync-server/test/client-app';
import type { ClientApp } from '../../sync-server/test/client-app';
import type { TestUser } from '../../sync-server/test/harness';
import { createClock } from '../core/hlc';
import { openTendDb } from '../db/database';
import type { TendDb } from '../db/database';
import { createTasksStore } from '../db/tasks-store';
import { runExclusive } from './lock';
import { createSyncEngine } from './sync-engine';
import type { SyncEngine, SyncEnvironment } from './sync-engine';
import { resetSyncStatus, syncStatus, updateSyncStatus } from './status';
import type { SyncStatus } from './status';

let server: ClientApp;
let user: TestUser;
let db: TendDb;
let engine: SyncEngine | undefined;
let n = 0;

beforeAll(async () => {
  server = await createClientApp('engine');
  user = await server.createUser();
});
afterAll(() => server.close());
afterEach(() => {
  engine?.stop();
  db?.close();
  server.faults.length = 0;
  server.requests.length = 0;
  resetSyncStatus();
});

function setup(
  overrides: {
    token?: string | null;
    online?: boolean;
    intervalMs?: number;
    serverDown?: boolean;
    retry?: { baseMs: number; maxMs: number };
  } = {},
) {
  db = openTendDb(`engine-${++n}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  const clock = createClock({ now: Date.now, nodeId: 'CCCCCCCCCCCCCCCC' });
  const store = createTasksStore({ db, clock });
  let online = overrides.online ?? true;
  const wakeTarget = new EventTarget();
  const offlineTarget = new EventTarget();
  const backgroundSyncs: number[] = [];
  const env: SyncEnvironment = {
    isOnline: () => online,
    isVisible: () => true,
    onWake(listener) {
      wakeTarget.addEventListener('wake', listener);
      return () => wakeTarget.removeEventListener('wake', listener);
    },
    onOffline(listener) {
      offlineTarget.addEventListener('offline', listener);
      return () => offlineTarget.removeEventListener('offline', listener);
    },
    registerBackgroundSync: async () => void backgroundSyncs.push(1),
  };
  const status: Partial<SyncStatus> = {};
  // This engine's own requests (an earlier test's engine may still be finishing against the server).
  const requests: string[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    requests.push(new URL(String(input)).pathname);
    // A server that is down: the connection is refused, as fetch reports it.
    if (overrides.serverDown) return Promise.reject(new TypeError('Failed to fetch'));
    return server.fetch(input, init);
  };
  engine = createSyncEngine({
    db,
    clock,
    clientId: 'engine',
    fetch,
    baseUrl: server.url,
    getAccessToken: async () => (overrides.token === undefined ? user.token : overrides.token),
    env,
    debounceMs: 5,
    intervalMs: overrides.intervalMs,
    retry: overrides.retry,
    setStatus: (patch) => Object.assign(status, patch),
  });
  return {
    store,
    status,
    requests,
    backgroundSyncs,
    setOnline: (value: boolean) => (online = value),
    wake: () => wakeTarget.dispatchEvent(new Event('wake')),
    goOffline: () => offlineTarget.dispatchEvent(new Event('offline')),
  };
}

describe('sync engine', () => {
  it('says "local" when signed out and "offline" when the browser is offline, sending nothing', async () => {
    const signedOut = setup({ token: null });
    await signedOut.store.addTask({ title: 'x' });
    await engine!.syncNow();
    expect(signedOut.status).toMatchObject({ state: 'local', pending: 1 });
    engine!.stop();
    db.close();
    const offline = setup({ online: false });
    await engine!.syncNow();
    expect(offline.status.state).toBe('offline');
    expect(offline.status.problem?.code).toBe('offline');
    expect(server.requests).toHaveLength(0);
  });

  it('says "unreachable", not "offline", when the browser is online but the server does not answer', async () => {
    const { store, status, setOnline } = setup({ serverDown: true });
    await store.addTask({ title: 'kept' });
    await engine!.syncNow();
    expect(status).toMatchObject({ state: 'unreachable', pending: 1 });
    expect(status.problem?.code).toBe('network_error');
    setOnline(false);
    await engine!.syncNow();
    expect(status.state).toBe('offline');
  });

  it('pushes then pulls, and reports synced with the time and nothing pending', async () => {
    const { store, status, requests } = setup();
    const task = await store.addTask({ title: 'synced task' });
    await engine!.syncNow();
    expect(status).toMatchObject({ state: 'synced', pending: 0, rejected: 0, problem: null });
    expect(Date.parse(status.lastSyncedAt!)).not.toBeNaN();
    expect(requests).toEqual(['/api/sync/push', '/api/sync/pull']);
    expect((await server.tasksOf(user.id)).get(task.id)?.title).toBe('synced task');
  });

  it('on failure shows the error, keeps the change pending and hands over to Background Sync', async () => {
    const { store, status, backgroundSyncs } = setup();
    await store.addTask({ title: 'kept' });
    server.faults.push({ path: '/api/sync/push', status: 500 });
    await engine!.syncNow();
    expect(status.state).toBe('error');
    expect(status.problem?.code).toBe('server_error');
    expect(status.pending).toBe(1);
    expect(backgroundSyncs.length).toBeGreaterThan(0);
    await engine!.syncNow();
    expect(status).toMatchObject({ state: 'synced', pending: 0 });
  });

  it('is the one retry of a push: after a failure it runs again by itself, not before Retry-After', async () => {
    const { store, status, requests } = setup({ retry: { baseMs: 10, maxMs: 20 } });
    await store.addTask({ title: 'retried' });
    server.faults.push({ path: '/api/sync/push', status: 503, headers: { 'Retry-After': '1' } });
    const times: number[] = [];
    const origin = Date.now();
    engine!.start();
    await vi.waitFor(() => expect(status.state).toBe('error'));
    times.push(Date.now() - origin);
    await vi.waitFor(() => expect(status).toMatchObject({ state: 'synced', pending: 0 }), {
      timeout: 5_000,
    });
    times.push(Date.now() - origin);
    // One request per run: the failed push, then the run that succeeded a second later.
    expect(requests.filter((path) => path === '/api/sync/push')).toHaveLength(2);
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(900);
  });

  it('after a 401 on a token the device thinks valid (clock behind), refreshes once and retries', async () => {
    const { store, status } = setup();
    const refresh = vi.fn(async () => user.token);
    engine!.stop();
    engine = createSyncEngine({
      db,
      clock: createClock({ now: Date.now, nodeId: 'CCCCCCCCCCCCCCCC' }),
      clientId: 'engine',
      fetch: server.fetch,
      baseUrl: server.url,
      getAccessToken: async () => user.token,
      refreshAccessToken: refresh,
      env: { isOnline: () => true, isVisible: () => true, onWake: () => () => undefined },
      setStatus: (patch) => Object.assign(status, patch),
    });
    await store.addTask({ title: 'x' });
    server.faults.push({ path: '/api/sync/push', status: 401 });
    server.requests.length = 0;
    await engine.syncNow();
    // Exactly one refresh and one retry of the push.
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(server.requests.filter((r) => r.path === '/api/sync/push')).toHaveLength(2);
    expect(status).toMatchObject({ state: 'synced', pending: 0 });
    server.faults.push(
      { path: '/api/sync/push', status: 401 },
      { path: '/api/sync/push', status: 401 },
    );
    await store.addTask({ title: 'y' });
    await engine.syncNow();
    expect(status.state).toBe('error');
    expect(status.problem?.code).toBe('unauthorized');
  });

  it('starts syncing on start, on wake (online / visible) and shortly after a local change', async () => {
    const { store, status, wake, goOffline } = setup();
    engine!.start();
    await vi.waitFor(() => expect(status.state).toBe('synced'));
    const before = server.requests.length;
    wake();
    await vi.waitFor(() => expect(server.requests.length).toBeGreaterThan(before));
    await vi.waitFor(() => expect(status.state).toBe('synced'));
    goOffline();
    expect(status.state).toBe('offline');
    const task = await store.addTask({ title: 'pushed by itself' });
    await vi.waitFor(async () =>
      expect((await server.tasksOf(user.id)).get(task.id)).toBeDefined(),
    );
  });

  it('polls only while no live stream is connected', async () => {
    const pulls = (list: string[]) => list.filter((p) => p === '/api/sync/pull').length;
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const { requests, status } = setup({ intervalMs: 40 });
    engine!.start();
    await expect.poll(() => pulls(requests)).toBeGreaterThanOrEqual(3);
    engine!.setLive(true);
    expect(status.live).toBe(true);
    await engine!.syncNow();
    const whileLive = pulls(requests);
    await sleep(300);
    expect(pulls(requests)).toBe(whileLive);
    engine!.setLive(false);
    expect(status.live).toBe(false);
    await expect.poll(() => pulls(requests)).toBeGreaterThanOrEqual(whileLive + 2);
  });

  it('concurrent syncNow calls share one run', async () => {
    setup();
    await Promise.all([engine!.syncNow(), engine!.syncNow(), engine!.syncNow()]);
    // first run + one coalesced re-run at most
    expect(
      server.requests.filter((r) => r.path.startsWith('/api/sync/pull')).length,
    ).toBeLessThanOrEqual(2);
  });
});

describe('sync lock and status', () => {
  it('runs through Web Locks when present, and serialises without them', async () => {
    const names: string[] = [];
    // A stand-in LockManager (test double): records the lock name and runs the callback.
    const locks = {
      request: (name: string, cb: () => Promise<unknown>) => (names.push(name), cb()),
    };
    expect(await runExclusive('tend-sync', async () => 7, locks as never)).toBe(7);
    expect(names).toEqual(['tend-sync']);
    const order: string[] = [];
    const slow = runExclusive(
      'x',
      async () => {
        await new Promise((r) => setTimeout(r, 20));
        order.push('slow');
      },
      undefined,
    );
    const fast = runExclusive('x', async () => void order.push('fast'), undefined);
    await Promise.all([slow, fast]);
    expect(order).toEqual(['slow', 'fast']);
  });

  it('the status accessor reflects updates and resets', () => {
    updateSyncStatus({ state: 'syncing', pending: 3 });
    expect(syncStatus()).toMatchObject({ state: 'syncing', pending: 3, lastSyncedAt: null });
    resetSyncStatus();
    expect(syncStatus().state).toBe('local');
  });
});
