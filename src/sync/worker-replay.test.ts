import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientApp } from '../../sync-server/test/client-app';
import type { ClientApp } from '../../sync-server/test/client-app';
import { mintToken } from '../../sync-server/test/harness';
import { createClock } from '../core/hlc';
import { META_KEYS, openTendDb } from '../db/database';
import { createTasksStore } from '../db/tasks-store';
import { writeSession } from './auth-storage';
import { replayOutboxFromWorker } from './worker-replay';

let server: ClientApp;
beforeAll(async () => {
  server = await createClientApp('worker');
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
    const options = {
      origin: server.url,
      fetch: server.fetch,
      env: {},
      dbName: 'sw-test',
      dbOptions,
    };
    expect(await replayOutboxFromWorker(options)).toBeNull();
    expect(server.requests).toHaveLength(0);

    const user = await server.createUser();
    // Signed in, but the tasks here are another account's kept copy: nothing is sent.
    await db.meta.put({ key: 'syncUserId', value: 'someone-else' });
    await writeSession(db, {
      access_token: user.token,
      refresh_token: 'r',
      expires_at: Date.now() / 1000 + 600,
      user: { id: user.id },
    });
    expect(await replayOutboxFromWorker(options)).toBeNull();
    expect(server.requests).toHaveLength(0);
    // The tasks are this account's (as sign-in records it): they are sent.
    await db.meta.put({ key: 'syncUserId', value: user.id });
    expect(await replayOutboxFromWorker(options)).toEqual({ applied: 1, rejected: 0 });
    expect((await server.tasksOf(user.id)).get(task.id)?.title).toBe('from the worker');
    expect(server.requests[0].body).toMatchObject({ clientId: 'FFFFFFFFFFFFFFFF' });

    // A session the server no longer accepts resolves quietly (the page will ask to sign in again).
    await store.addTask({ title: 'later' });
    await writeSession(db, {
      access_token: 'revoked',
      refresh_token: 'r',
      expires_at: Date.now() / 1000 + 600,
      user: { id: user.id },
    });
    expect(await replayOutboxFromWorker(options)).toBeNull();
    // A 401 for a token that looks valid here (server clock ahead): one forced refresh, then success.
    const signUp = await server.fetch(`${server.url}/auth/v1/signup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'skew@example.com', password: 'password1' }),
    });
    const session = await signUp.json();
    // The server finds the token expired; this device's clock thinks it has ten minutes left.
    const expired = await mintToken(
      session.user.id,
      {},
      { expiresIn: Math.floor(Date.now() / 1000) - 60 },
    );
    await writeSession(db, {
      ...session,
      access_token: expired,
      expires_at: Date.now() / 1000 + 600,
    });
    await db.meta.put({ key: 'syncUserId', value: session.user.id });
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
    for (let i = 0; i < 3; i++)
      server.faults.push({ path: '/api/sync/push', status: 503, headers: { 'Retry-After': '0' } });
    await expect(replayOutboxFromWorker(options)).rejects.toMatchObject({ kind: 'transient' });
    expect(await db.outbox.count()).toBe(1);
    db.close();
  });
});
