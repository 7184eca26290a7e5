import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceServer } from '../../bench/sync-client/reference-server';
import type { ReferenceServer } from '../../bench/sync-client/reference-server';
import { createClock } from '../core/hlc';
import { META_KEYS, openTendDb } from '../db/database';
import { createTasksStore } from '../db/tasks-store';
import { writeSession } from './auth-storage';
import { replayOutboxFromWorker } from './worker-replay';

let server: ReferenceServer;
beforeAll(async () => {
  server = await startReferenceServer({ 'sw-token': 'sw-user' });
});
afterAll(() => server.close());

describe('replayOutboxFromWorker (Background Sync)', () => {
  it('does nothing when signed out, replays with the stored session when signed in', async () => {
    const indexedDB = new IDBFactory();
    const dbOptions = { indexedDB, IDBKeyRange };
    const db = openTendDb('sw-test', dbOptions);
    const store = createTasksStore({
      db,
      clock: createClock({ now: Date.now, nodeId: 'FFFFFFFFFFFFFFFF' }),
    });
    await db.meta.put({ key: META_KEYS.nodeId, value: 'FFFFFFFFFFFFFFFF' });
    const task = await store.addTask({ title: 'from the worker' });
    const options = { origin: server.url, env: {}, dbName: 'sw-test', dbOptions };
    expect(await replayOutboxFromWorker(options)).toBeNull();
    expect(server.requests).toHaveLength(0);

    await writeSession(db, {
      access_token: 'sw-token',
      refresh_token: 'r',
      expires_at: Date.now() / 1000 + 600,
    });
    expect(await replayOutboxFromWorker(options)).toEqual({ applied: 1, rejected: 0 });
    expect(server.users.get('sw-user')?.tasks.get(task.id)?.title).toBe('from the worker');
    expect(server.requests[0].body).toMatchObject({ clientId: 'FFFFFFFFFFFFFFFF' });

    // A session the server no longer accepts resolves quietly (the page will ask to sign in again).
    await store.addTask({ title: 'later' });
    await writeSession(db, {
      access_token: 'revoked',
      refresh_token: 'r',
      expires_at: Date.now() / 1000 + 600,
    });
    expect(await replayOutboxFromWorker(options)).toBeNull();
    // A 401 for a token that looks valid here (server clock ahead): one forced refresh, then success.
    const signUp = await fetch(`${server.url}/auth/v1/signup`, {
      method: 'POST',
      body: JSON.stringify({ email: 'skew@example.com', password: 'password1' }),
    });
    const session = await signUp.json();
    await writeSession(db, session);
    server.tokens.delete(session.access_token); // the server considers it expired
    server.requests.length = 0;
    expect(await replayOutboxFromWorker(options)).toEqual({ applied: 1, rejected: 0 });
    // Exactly one refresh and one retry of the push.
    expect(server.requests.map((r) => r.path.split('?')[0])).toEqual([
      '/api/sync/push',
      '/auth/v1/token',
      '/api/sync/push',
    ]);
    await store.addTask({ title: 'again' });
    // A server failure rejects, so the browser retries the sync event later.
    await writeSession(db, { ...session, access_token: 'sw-token' });
    for (let i = 0; i < 3; i++)
      server.faults.push({ path: '/api/sync/push', status: 503, headers: { 'Retry-After': '0' } });
    await expect(replayOutboxFromWorker(options)).rejects.toMatchObject({ kind: 'transient' });
    expect(await db.outbox.count()).toBe(1);
    db.close();
  });
});
