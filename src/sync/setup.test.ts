// @vitest-environment jsdom
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSignal } from 'solid-js';
import { createClock } from '../core/hlc';
import { openTendDb } from '../db/database';
import type { TendDb } from '../db/database';
import { createTasksStore } from '../db/tasks-store';
import type { AuthUser, TendAuth } from './auth';
import {
  answerLocalDataQuestion,
  getSyncServices,
  localDataQuestion,
  setSyncServices,
  signOut,
  startSync,
} from './setup';
import { browserEnvironment } from './sync-engine';
import { resetSyncStatus, syncStatus } from './status';

let db: TendDb;
afterEach(() => {
  getSyncServices()?.engine.stop();
  setSyncServices(null);
  db?.close();
  resetSyncStatus();
});

/** A stand-in for supabase-js auth (test double): a signed-in user and a fixed token, no server. */
function fakeAuth(initial: AuthUser | null) {
  const [user, setUser] = createSignal(initial);
  const listeners: ((u: AuthUser) => void)[] = [];
  const auth = {
    user,
    ready: () => true,
    getAccessToken: async () => (user() ? 'token' : null),
    onSignedIn: (l: (u: AuthUser) => void) => (listeners.push(l), () => undefined),
    signOut: async () => void setUser(null),
  } as unknown as TendAuth;
  return { auth, signIn: (u: AuthUser) => (setUser(u), listeners.forEach((l) => l(u))) };
}

/** Starts sync on `db` against a fake server answering `fetch`, online and visible, never waking. */
function startTestSync(
  db: TendDb,
  auth: TendAuth,
  fetch: (url: string, init?: RequestInit) => Promise<Response>,
) {
  const clock = createClock({ now: Date.now, nodeId: '1111111111111111' });
  return startSync({
    db,
    clock,
    origin: 'http://tend.test',
    auth,
    engine: {
      fetch: fetch as never,
      env: { isOnline: () => true, isVisible: () => true, onWake: () => () => undefined },
    },
  });
}

describe('startSync', () => {
  it('starts once, uploads local tasks on sign-in, and reports "local" after sign-out', async () => {
    db = openTendDb('setup', { indexedDB: new IDBFactory(), IDBKeyRange });
    const clock = createClock({ now: Date.now, nodeId: '1111111111111111' });
    const store = createTasksStore({ db, clock });
    await store.addTask({ title: 'before sign-in' });
    await db.outbox.clear();
    const { auth, signIn } = fakeAuth(null);
    const requests: string[] = [];
    const pushed: unknown[] = [];
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      requests.push(new URL(url).pathname);
      if (url.includes('push')) pushed.push(...JSON.parse(String(init?.body)).mutations);
      return new Response(
        JSON.stringify(
          url.includes('push')
            ? { applied: [], rejected: [] }
            : { tasks: [], cursor: '0', hasMore: false },
        ),
        { status: 200 },
      );
    });
    const services = startTestSync(db, auth, fetch);
    expect(startSync({ db, clock })).toBe(services);
    expect(getSyncServices()).toBe(services);
    await vi.waitFor(() => expect(syncStatus().state).toBe('local'));
    signIn({ id: 'u1', email: 'u@example.com', emailConfirmed: false });
    await vi.waitFor(() => expect(requests).toContain('/api/sync/push'));
    await vi.waitFor(() => expect(syncStatus().state).toBe('synced'));
    expect(pushed).toEqual([
      expect.objectContaining({ changes: expect.objectContaining({ title: 'before sign-in' }) }),
    ]);
    await signOut(services, { keep: true });
    expect(syncStatus().state).toBe('local');
    // Another account signs in on this device: u1's kept tasks are not uploaded, nothing syncs, it asks.
    const before = pushed.length;
    requests.length = 0;
    signIn({ id: 'u2', email: 'v@example.com', emailConfirmed: false });
    await vi.waitFor(() => expect(localDataQuestion()).toEqual({ userId: 'u2', tasks: 1 }));
    await services.engine.syncNow();
    expect(pushed).toHaveLength(before);
    expect(requests).toEqual([]);
    await answerLocalDataQuestion(services, 'remove');
    expect(await db.tasks.count()).toBe(0);
    expect(localDataQuestion()).toBeNull();
  });

  it('a sign-in whose local-data check fails (storage closed under it) says so instead of rejecting unhandled', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      db = openTendDb('setup-closed', { indexedDB: new IDBFactory(), IDBKeyRange });
      const { auth, signIn } = fakeAuth(null);
      startTestSync(db, auth, async () => new Response('{}', { status: 500 }));
      await vi.waitFor(() => expect(syncStatus().state).toBe('local'));
      db.close();
      signIn({ id: 'u1', email: 'u@example.com', emailConfirmed: false });
      await vi.waitFor(() => expect(syncStatus().state).toBe('error'));
      expect(syncStatus().problem?.code).toBe('DatabaseClosedError');
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
    }
  });

  it('reads online and visibility from the browser and wakes on both events', () => {
    const env = browserEnvironment();
    expect(env.isOnline()).toBe(true);
    expect(env.isVisible()).toBe(true);
    const wake = vi.fn();
    const stop = env.onWake(wake);
    window.dispatchEvent(new Event('online'));
    document.dispatchEvent(new Event('visibilitychange'));
    expect(wake).toHaveBeenCalledTimes(2);
    stop();
    window.dispatchEvent(new Event('online'));
    expect(wake).toHaveBeenCalledTimes(2);
    const offline = vi.fn();
    const stopOffline = env.onOffline!(offline);
    window.dispatchEvent(new Event('offline'));
    stopOffline();
    window.dispatchEvent(new Event('offline'));
    expect(offline).toHaveBeenCalledTimes(1);
    return env.registerBackgroundSync?.();
  });
});
