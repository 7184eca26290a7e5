import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClientApp } from '../../sync-server/test/client-app';
import type { ClientApp } from '../../sync-server/test/client-app';
import type { TestUser } from '../../sync-server/test/harness';
import { createClock, parseHlc } from '../core/hlc';
import { openTendDb } from '../db/database';
import type { TendDb } from '../db/database';
import { createTasksStore } from '../db/tasks-store';
import type { SyncHttpError } from './http';
import { countPending, listRejected, retryRejected } from './outbox';
import type { SyncOutboxEntry } from './outbox';
import { replayOutbox } from './replay-outbox';
import type { ReplayOptions } from './replay-outbox';

let server: ClientApp;
let user: TestUser;
let db: TendDb;
let dbCount = 0;
const T0 = Date.parse('2026-11-26T09:00:00.000Z');

beforeAll(async () => {
  server = await createClientApp('replay');
  user = await server.createUser();
});
afterAll(() => server.close());
afterEach(() => {
  db?.close();
  server.faults.length = 0;
  server.requests.length = 0;
});

function setup(deviceNow = () => T0) {
  db = openTendDb(`replay-${++dbCount}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  let seq = 0;
  const clock = createClock({ now: deviceNow, nodeId: 'AAAAAAAAAAAAAAAA' });
  const store = createTasksStore({
    db,
    clock,
    now: deviceNow,
    newId: () => `00000000-0000-4000-8000-${String(dbCount * 100_000 + ++seq).padStart(12, '0')}`,
  });
  const options: ReplayOptions = {
    db,
    clientId: 'client-a',
    fetch: server.fetch,
    baseUrl: server.url,
    getAccessToken: async () => user.token,
    now: deviceNow,
    clock,
  };
  return { store, options, clock };
}

/** Rewrites the priority of a task's queued change, past the store's own validation. */
const setPriority = (taskId: string, priority: number) =>
  db.outbox
    .where('taskId')
    .equals(taskId)
    .modify((entry) => void ((entry.changes as { priority?: number }).priority = priority));

const pushes = () => server.requests.filter((r) => r.path === '/api/sync/push');

describe('replayOutbox', () => {
  it('pushes every pending change in batches of at most 500 and removes only acknowledged ones', async () => {
    const { store, options } = setup();
    const tasks = await store.addTasks(
      Array.from({ length: 1201 }, (_, i) => ({ title: `t${i}` })),
    );
    const result = await replayOutbox(options);
    expect(result).toEqual({ applied: 1201, rejected: 0 });
    const sizes = pushes().map((r) => (r.body as { mutations: unknown[] }).mutations.length);
    expect(sizes).toEqual([500, 500, 201]);
    expect(await db.outbox.count()).toBe(0);
    const stored = await server.tasksOf(user.id);
    for (const t of tasks) expect(stored.get(t.id)?.title).toBe(t.title);
  });

  it('a 5xx, a dropped connection and a non-JSON 200 are not success: each stops the run, nothing lost', async () => {
    const { store, options } = setup();
    await store.addTask({ title: 'survives' });
    server.faults.push(
      { path: '/api/sync/push', status: 503 },
      { path: '/api/sync/push', status: 'drop' },
      { path: '/api/sync/push', status: 200, body: 'not the protocol' },
    );
    // Sent once per run: the caller (the sync engine, or the browser's Background Sync) runs it again.
    for (const kind of ['transient', 'network', 'transient']) {
      const error = await replayOutbox(options).catch((e: unknown) => e);
      expect(error).toMatchObject({ kind });
    }
    const [entry] = await db.outbox.toArray();
    expect(entry.attempts).toBe(3);
    expect(entry.lastError).toBe('The server sent no JSON');
    expect(await replayOutbox(options)).toEqual({ applied: 1, rejected: 0 });
    expect(pushes()).toHaveLength(4);
    expect(await db.outbox.count()).toBe(0);
  });

  it('a 429 stops the run with the Retry-After the next run must wait', async () => {
    const { store, options } = setup();
    await store.addTask({ title: 'x' });
    server.faults.push({ path: '/api/sync/push', status: 429, headers: { 'Retry-After': '7' } });
    const error = await replayOutbox(options).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'transient', retryAfterMs: 7000 });
    expect(await db.outbox.count()).toBe(1);
  });

  it('a 401 stops at once (no retry) and leaves the outbox alone', async () => {
    const { store, options } = setup();
    await store.addTask({ title: 'x' });
    const error = await replayOutbox({ ...options, getAccessToken: async () => 'wrong' }).catch(
      (e: unknown) => e,
    );
    expect((error as SyncHttpError).kind).toBe('unauthorized');
    expect(pushes()).toHaveLength(1);
    expect(await db.outbox.count()).toBe(1);
    const signedOut = await replayOutbox({ ...options, getAccessToken: async () => null }).catch(
      (e: unknown) => e,
    );
    expect((signedOut as SyncHttpError).kind).toBe('unauthorized');
  });

  it('keeps permanently rejected changes visible with the server message, sends the rest, retries on request', async () => {
    const { store, options } = setup();
    await store.addTask({ title: 'fine' });
    const bad = await store.addTask({ title: 'forbidden word' });
    expect(await countPending(db)).toBe(2);
    // A change the server's validation refuses (a priority outside 1-4).
    await setPriority(bad.id, 9);
    expect(await replayOutbox(options)).toEqual({ applied: 1, rejected: 1 });
    // A refused change is not pending: it waits for the user, listed by the index on its refusal time.
    await store.addTask({ title: 'later' });
    expect(await countPending(db)).toBe(1);
    await db.outbox.where('taskId').notEqual(bad.id).delete();
    const rejected = await listRejected(db);
    expect(rejected).toHaveLength(1);
    expect(rejected[0].taskId).toBe(bad.id);
    expect(rejected[0].rejected).toMatchObject({ code: 'invalid_mutation' });
    expect(rejected[0].rejected?.message).toMatch(/^changes\.priority: /);
    // Not resent on the next replay...
    server.requests.length = 0;
    expect(await replayOutbox(options)).toEqual({ applied: 0, rejected: 0 });
    expect(pushes()).toHaveLength(0);
    // ...until the user retries it: it goes again as a new change, and its invalid value is refused again.
    await retryRejected(db, rejected[0].id);
    expect(await replayOutbox(options)).toEqual({ applied: 0, rejected: 1 });
    expect(pushes()).toHaveLength(1);
  });

  it('a retried refusal is sent as a new change (new id, new stamp), so the server can accept it', async () => {
    const { store, options } = setup();
    const parent = await store.addTask({ title: 'parent' });
    const child = await store.addTask({ title: 'child' });
    expect(await replayOutbox(options)).toEqual({ applied: 2, rejected: 0 });
    // Another device makes the parent a sub-task of the child; this one, not yet pulled, nests the child
    // under the parent: the server refuses the cycle and logs the refusal under the mutation's id.
    const other = createClock({ now: () => T0 + 1_000, nodeId: 'BBBBBBBBBBBBBBBB' });
    const otherDevicePush = (taskId: string, parentId: string | null) =>
      server.fetch(`${server.url}/api/sync/push`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${user.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          clientId: 'client-b',
          mutations: [
            { id: crypto.randomUUID(), taskId, hlc: other.tick(), changes: { parentId } },
          ],
        }),
      });
    expect((await otherDevicePush(parent.id, child.id)).status).toBe(200);
    await store.updateTask(child.id, { parentId: parent.id });
    expect(await replayOutbox(options)).toEqual({ applied: 0, rejected: 1 });
    const [refused] = await listRejected(db);
    expect(refused.rejected?.code).toBe('invalid_parent');
    // The other device lifts the parent out again; the user retries the refused change.
    expect((await otherDevicePush(parent.id, null)).status).toBe(200);
    await retryRejected(db, refused.id);
    const [retried] = (await db.outbox.toArray()) as SyncOutboxEntry[];
    expect(retried.id).not.toBe(refused.id);
    expect(retried.hlc > refused.hlc).toBe(true);
    expect(retried.changes).toEqual({ parentId: parent.id });
    expect((await db.tasks.get(child.id))?.clock.parentId).toBe(retried.hlc);
    expect(await replayOutbox(options)).toEqual({ applied: 1, rejected: 0 });
    expect((await server.tasksOf(user.id)).get(child.id)?.parentId).toBe(parent.id);
  });

  it('a retried refusal leaves out the fields edited since, which their own later change carries', async () => {
    const { store, options } = setup();
    const task = await store.addTask({ title: 'kept' });
    expect(await replayOutbox(options)).toEqual({ applied: 1, rejected: 0 });
    await store.updateTask(task.id, { title: 'refused', notes: 'refused too' });
    server.faults.push({ path: '/api/sync/push', status: 400 });
    expect(await replayOutbox(options)).toEqual({ applied: 0, rejected: 1 });
    const [refused] = await listRejected(db);
    await store.updateTask(task.id, { title: 'newer' });
    await retryRejected(db, refused.id);
    const retried = ((await db.outbox.toArray()) as SyncOutboxEntry[]).find(
      (e) => e.id !== refused.id && 'notes' in e.changes,
    );
    expect(retried?.changes).toEqual({ notes: 'refused too' });
    expect(await db.outbox.get(refused.id)).toBeUndefined();
    expect(await replayOutbox(options)).toEqual({ applied: 2, rejected: 0 });
    expect((await server.tasksOf(user.id)).get(task.id)).toMatchObject({
      title: 'newer',
      notes: 'refused too',
    });
  });

  it('on 413 sends smaller batches; a request-level 4xx isolates and rejects only the offending change', async () => {
    const { store, options } = setup();
    await store.addTasks(Array.from({ length: 8 }, (_, i) => ({ title: `t${i}` })));
    server.faults.push({ path: '/api/sync/push', status: 413 });
    expect(await replayOutbox(options)).toEqual({ applied: 8, rejected: 0 });
    expect(pushes().map((r) => (r.body as { mutations: unknown[] }).mutations.length)).toEqual([
      8, 4, 4,
    ]);

    await store.addTasks([{ title: 'a' }, { title: 'b' }]);
    server.faults.push(
      { path: '/api/sync/push', status: 400 },
      {
        path: '/api/sync/push',
        status: 400,
        body: { error: { code: 'validation', message: 'Bad field' } },
      },
    );
    expect(await replayOutbox(options)).toEqual({ applied: 1, rejected: 1 });
    const [entry] = (await db.outbox.toArray()) as SyncOutboxEntry[];
    expect(entry.rejected?.message).toBe('Bad field');
  });

  it('a device clock far ahead: clock_drift, re-stamped from the server time in order, sent again', async () => {
    const YEAR = 365 * 86_400_000;
    const { store, options, clock } = setup(() => Date.now() + YEAR);
    const task = await store.addTask({ title: 'from the future' });
    await store.updateTask(task.id, { title: 'edited later' });
    await store.updateTask(task.id, { priority: 1 });
    const result = await replayOutbox(options);
    expect(result).toMatchObject({ applied: 3, rejected: 0 });
    expect(Math.abs(result.clockAheadMs! - YEAR)).toBeLessThan(60_000);
    expect(await db.outbox.count()).toBe(0);
    // The server kept the last edit (the order survived), stamped near its own time.
    const onServer = (await server.tasksOf(user.id)).get(task.id)!;
    expect(onServer).toMatchObject({ title: 'edited later', priority: 1 });
    for (const hlc of Object.values(onServer.clock))
      expect(Math.abs(parseHlc(hlc).millis - Date.now())).toBeLessThan(60_000);
    // The local copy carries the same stamps, a full resync (which brings createdAt) is due, and the
    // correction is kept.
    const local = (await db.tasks.get(task.id))!;
    expect(local.clock).toEqual(onServer.clock);
    expect(local.updatedAt).toBe(onServer.updatedAt);
    expect(await db.meta.get('syncCursor')).toBeUndefined();
    expect(Math.abs(((await db.meta.get('clockOffset'))?.value as number) + YEAR)).toBeLessThan(
      60_000,
    );
    // Later edits on this device are stamped from the corrected clock and go through at once.
    await store.updateTask(task.id, { notes: 'now' });
    expect(Math.abs(parseHlc(clock.last()).millis - Date.now())).toBeLessThan(60_000);
    expect(await replayOutbox(options)).toEqual({ applied: 1, rejected: 0 });
  });
});
