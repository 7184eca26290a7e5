import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { createClock } from '../core/hlc';
import { openTendDb } from './database';
import type { TendDb } from './database';
import { completeFromNotification, snoozeFromNotification } from './notification-actions';
import { claimFiring, pruneDelivered, queryRemindedTasks } from './reminder-deliveries';
import { createTasksStore } from './tasks-store';

const T0 = Date.parse('2026-12-02T09:00:00.000Z');
const R1 = '0193b5a0-0000-7000-8000-0000000000a1';
let db: TendDb;

function setup() {
  db = openTendDb('reminder-test', { indexedDB: new IDBFactory(), IDBKeyRange });
  const now = () => T0;
  return createTasksStore({ db, clock: createClock({ now, nodeId: 'AAAAAAAAAAAAAAAA' }), now });
}
afterEach(() => db?.close());

describe('reminder deliveries on this device', () => {
  it('claims a firing once, whoever shows it, and forgets old ones', async () => {
    setup();
    const firing = { key: `${R1}@2026-12-02T09:00:00.000Z`, taskId: 't', at: T0 };
    expect(await claimFiring(db, firing, 'push', T0)).toBe(true);
    expect(await claimFiring(db, firing, 'page', T0)).toBe(false);
    await pruneDelivered(db, T0 + 3 * 60 * 60_000);
    expect(await db.delivered.count()).toBe(0);
  });

  it('lists the open tasks with reminders', async () => {
    const store = setup();
    const a = await store.addTask({ title: 'a', reminders: [{ id: R1, before: 5 }] });
    await store.addTask({ title: 'b' });
    const c = await store.addTask({
      title: 'c',
      reminders: [{ id: R1, at: '2026-12-02T10:00:00Z' }],
    });
    await store.completeTask(c.id);
    expect((await queryRemindedTasks(db)).map((t) => t.id)).toEqual([a.id]);
  });
});

describe('notification actions', () => {
  it('Complete completes through the outbox; Snooze adds a reminder ten minutes on', async () => {
    const store = setup();
    const task = await store.addTask({ title: 'Call', reminders: [{ id: R1, before: 5 }] });
    const before = await db.outbox.count();
    const snoozed = await snoozeFromNotification(
      db,
      task.id,
      () => 'b0000000-0000-4000-8000-000000000001',
      () => T0,
    );
    expect(snoozed.reminders).toEqual([
      { id: R1, before: 5 },
      { id: 'b0000000-0000-4000-8000-000000000001', at: new Date(T0 + 10 * 60_000).toISOString() },
    ]);
    const done = await completeFromNotification(db, task.id, () => T0);
    expect(done.completedAt).not.toBeNull();
    const entries = await db.outbox.orderBy('hlc').toArray();
    expect(entries.length - before).toBe(2);
    expect(entries.at(-1)!.changes).toEqual({ completedAt: done.completedAt });
  });
});
