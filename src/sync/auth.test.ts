import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createClientApp } from '../../sync-server/test/client-app';
import type { ClientApp } from '../../sync-server/test/client-app';
import { createClock } from '../core/hlc';
import { openTendDb } from '../db/database';
import type { TendDb } from '../db/database';
import { createTasksStore } from '../db/tasks-store';
import { authFailureOf, createAuth, resolveAuthConfig } from './auth';
import { PLACEHOLDER_ANON_KEY } from './auth-config';
import type { TendAuth } from './auth';
import { AUTH_STORAGE_KEY, readSession, writeSession } from './auth-storage';
import { replayOutbox } from './replay-outbox';
import { queueLocalTasksForUser } from './upload-local';
import { getStoredAccessToken } from './worker-session';

let server: ClientApp;
let db: TendDb;
let auth: TendAuth | undefined;
let n = 0;

beforeAll(async () => {
  server = await createClientApp('auth');
});
afterAll(() => server.close());
afterEach(() => {
  auth?.dispose();
  db?.close();
});

/** The account the server's auth says a token belongs to, or null when it refuses the token. */
async function userOf(token: string): Promise<string | null> {
  const response = await server.fetch(`${server.url}/auth/v1/user`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return response.ok ? ((await response.json()) as { id: string }).id : null;
}

/** Auth over a new database; `closed`: storage that refuses every read (closed under the page). */
function setup({ closed = false } = {}) {
  db = openTendDb(`auth-${++n}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  if (closed) db.close();
  auth = createAuth({
    db,
    url: server.url,
    anonKey: PLACEHOLDER_ANON_KEY,
    fetch: server.fetch,
    clientOptions: { realtime: { transport: WebSocket as never } },
  });
  return auth;
}

describe('auth config', () => {
  it('uses Supabase when configured, else the local server origin with a placeholder key', () => {
    expect(resolveAuthConfig({}, 'http://localhost:8787')).toEqual({
      url: 'http://localhost:8787',
      anonKey: PLACEHOLDER_ANON_KEY,
    });
    expect(
      resolveAuthConfig(
        { VITE_SUPABASE_URL: 'https://x.supabase.co', VITE_SUPABASE_ANON_KEY: 'anon' },
        'http://o',
      ),
    ).toEqual({ url: 'https://x.supabase.co', anonKey: 'anon' });
  });
});

describe('auth through supabase-js', () => {
  it('signs up, signs out, signs in, and keeps the session in IndexedDB meta (not localStorage)', async () => {
    const a = setup();
    const signedIn = vi.fn();
    a.onSignedIn(signedIn);
    const up = await a.signUp('ada@example.com', 'correct horse');
    expect(up).toMatchObject({ ok: true, user: { email: 'ada@example.com' } });
    expect(a.user()?.email).toBe('ada@example.com');
    const stored = await readSession(db);
    expect(stored?.access_token).toBe(await a.getAccessToken());
    expect(await userOf(stored!.access_token)).toBe(a.user()!.id);
    await vi.waitFor(() =>
      expect(signedIn).toHaveBeenCalledWith(expect.objectContaining({ email: 'ada@example.com' })),
    );

    await a.signOut();
    expect(a.user()).toBeNull();
    expect(await a.getAccessToken()).toBeNull();
    expect(await db.meta.get(`auth:${AUTH_STORAGE_KEY}`)).toBeUndefined();

    const wrong = await a.signIn('ada@example.com', 'wrong password');
    expect(wrong).toMatchObject({ ok: false, code: 'invalid_credentials' });
    const again = await a.signIn('ada@example.com', 'correct horse');
    expect(again.ok).toBe(true);
    const before = await readSession(db);
    const refreshed = await a.refreshAccessToken();
    expect((await readSession(db))?.refresh_token).not.toBe(before?.refresh_token);
    expect(await userOf(refreshed!)).toBe(a.user()!.id);
    const twice = await a.signUp('ada@example.com', 'correct horse');
    expect(twice).toMatchObject({ ok: false, code: 'user_already_exists' });
  });

  it('a session that cannot be read (storage closed under it) is "signed out", not a page waiting for ever', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      const auth = setup({ closed: true });
      await vi.waitFor(() => expect(auth.ready()).toBe(true));
      expect(auth.user()).toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
    }
  });

  it('auth errors become codes', () => {
    expect(
      authFailureOf(Object.assign(new Error('boom'), { name: 'AuthRetryableFetchError' })),
    ).toEqual({ code: 'network_error', detail: 'boom' });
    expect(authFailureOf(new Error('Invalid login credentials')).code).toBe('invalid_credentials');
    expect(authFailureOf(new Error(''))).toEqual({ code: 'auth_error', detail: '' });
  });
});

describe('service worker token and local upload', () => {
  it('uses the stored token, refreshes it once expired, and returns null when signed out', async () => {
    const a = setup();
    await a.signUp('sw@example.com', 'password1');
    const first = (await readSession(db))!;
    const base = { db, authUrl: server.url, anonKey: 'k', fetch: server.fetch };
    expect(await getStoredAccessToken(base)).toBe(first.access_token);
    const later = () => (first.expires_at! + 10) * 1000;
    const refreshed = await getStoredAccessToken({ ...base, now: later });
    expect(await userOf(refreshed!)).toBe(first.user?.id);
    expect((await readSession(db))?.refresh_token).not.toBe(first.refresh_token);
    // A refresh token reused after the server's reuse interval is refused: the worker gives up quietly
    // instead of failing the sync event.
    server.advanceClock(11_000); // GoTrue's reuse interval is 10 s
    await writeSession(db, first);
    expect(await getStoredAccessToken({ ...base, now: later })).toBeNull();
    await a.signOut();
    expect(await getStoredAccessToken(base)).toBeNull();
  });

  it('signing in queues local tasks that are not in the outbox, once per account', async () => {
    const a = setup();
    const clock = createClock({ now: Date.now, nodeId: 'DDDDDDDDDDDDDDDD' });
    const store = createTasksStore({ db, clock });
    const [one] = await store.addTasks([{ title: 'made offline' }, { title: 'also offline' }]);
    await store.updateTask(one.id, { priority: 1 });
    await db.outbox.clear(); // as if acknowledged under another account
    const up = await a.signUp('local@example.com', 'password1');
    const userId = (up as { user: { id: string } }).user.id;
    expect(await queueLocalTasksForUser(db, userId)).toBe(3);
    expect(await queueLocalTasksForUser(db, userId)).toBe(0);
    await replayOutbox({
      db,
      clientId: 'x',
      fetch: server.fetch,
      baseUrl: server.url,
      getAccessToken: a.getAccessToken,
    });
    const onServer = await server.tasksOf(userId);
    expect(onServer.get(one.id)).toMatchObject({ title: 'made offline', priority: 1 });
    expect(onServer.size).toBe(2);
  });

  it('pending outbox entries are not queued twice', async () => {
    db = openTendDb(`auth-${++n}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    const store = createTasksStore({
      db,
      clock: createClock({ now: Date.now, nodeId: 'EEEEEEEEEEEEEEEE' }),
    });
    await store.addTask({ title: 'pending' });
    expect(await queueLocalTasksForUser(db, 'someone')).toBe(0);
  });
});
