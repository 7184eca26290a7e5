import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClock } from '../../core/hlc';
import { openTendDb } from '../../db/database';
import type { TendDb } from '../../db/database';
import { claimFiring } from '../../db/reminder-deliveries';
import { createTasksStore } from '../../db/tasks-store';
import { startInPageReminders } from './in-page-reminders';

const T0 = Date.parse('2026-12-02T09:00:00.000Z');
const R1 = '0193b5a0-0000-7000-8000-0000000000a1';
const R2 = '0193b5a0-0000-7000-8000-0000000000a2';
let db: TendDb;
let stop = () => {};

type InPageReminderDeps = Parameters<typeof startInPageReminders>[0];

async function setup(overrides: Partial<InPageReminderDeps> = {}) {
  db = openTendDb('in-page-test', { indexedDB: new IDBFactory(), IDBKeyRange });
  let time = T0;
  const now = () => time;
  const store = createTasksStore({
    db,
    clock: createClock({ now, nodeId: 'AAAAAAAAAAAAAAAA' }),
    now,
  });
  const shown: { title: string; options: { tag: string } }[] = [];
  let permission: NotificationPermission = 'default';
  const requestPermission = vi.fn(
    async (): Promise<NotificationPermission> => (permission = 'granted'),
  );
  const reminders = startInPageReminders({
    db,
    now,
    timeZone: 'UTC',
    permission: () => permission,
    requestPermission,
    show: async (n) => void shown.push(n),
    pushActive: async () => false,
    maxWaitMs: 10,
    ...overrides,
  });
  stop = () => reminders.stop();
  return { store, reminders, shown, requestPermission, advance: (ms: number) => (time += ms) };
}
afterEach(() => {
  stop();
  db?.close();
});

describe('in-page reminders', () => {
  it('watches no task while notifications are not allowed, and starts watching once they are', async () => {
    db = openTendDb('in-page-idle', { indexedDB: new IDBFactory(), IDBKeyRange });
    // The watch of reminded tasks walks every open task on each write: pointless without permission.
    const watch = vi.fn(() => () => {});
    let permission: NotificationPermission = 'default';
    const reminders = startInPageReminders({
      db,
      now: () => T0,
      timeZone: 'UTC',
      permission: () => permission,
      requestPermission: async () => (permission = 'granted'),
      show: async () => {},
      pushActive: async () => false,
      maxWaitMs: 10,
      watch,
    });
    stop = () => reminders.stop();
    await reminders.check();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(watch).not.toHaveBeenCalled();
    reminders.onReminderAdded();
    await vi.waitFor(() => expect(watch).toHaveBeenCalledTimes(1));
    await reminders.check();
    expect(watch).toHaveBeenCalledTimes(1);
  });

  it('asks for permission only after a reminder is added, then shows due firings once', async () => {
    const { store, reminders, shown, requestPermission, advance } = await setup();
    expect(requestPermission).not.toHaveBeenCalled();
    await store.addTask({
      title: 'Call the dentist',
      due: '2026-12-02T09:30',
      reminders: [
        { id: R1, before: 30 },
        { id: R2, at: '2026-12-02T09:05:00.000Z' },
      ],
    });
    expect(await reminders.check()).toEqual([]);
    reminders.onReminderAdded();
    await vi.waitFor(() => expect(requestPermission).toHaveBeenCalledTimes(1));
    await vi.waitFor(() =>
      expect(shown.map((n) => n.options.tag)).toEqual([`${R1}@2026-12-02T09:00:00.000Z`]),
    );
    expect(shown[0].title).toBe('Call the dentist');
    expect(await reminders.check()).toEqual([]);
    advance(5 * 60_000);
    expect(await reminders.check()).toEqual([`${R2}@2026-12-02T09:05:00.000Z`]);
    reminders.onReminderAdded();
    expect(requestPermission).toHaveBeenCalledTimes(1);
  });

  it('skips a firing the service worker already showed, and stands aside while push is active', async () => {
    let push = false;
    const { store, reminders, shown } = await setup({
      permission: () => 'granted',
      pushActive: async () => push,
    });
    const task = await store.addTask({
      title: 'a',
      reminders: [{ id: R1, at: '2026-12-02T09:00:00.000Z' }],
    });
    await claimFiring(
      db,
      { key: `${R1}@2026-12-02T09:00:00.000Z`, taskId: task.id, at: T0 },
      'push',
      T0,
    );
    expect(await reminders.check()).toEqual([]);
    await store.addTask({ title: 'b', reminders: [{ id: R2, at: '2026-12-02T09:00:00.000Z' }] });
    push = true;
    expect(await reminders.check()).toEqual([]);
    push = false;
    await vi.waitFor(async () => expect(shown.map((n) => n.title)).toEqual(['b']));
  });

  it('a check that fails (the database closed under it) waits for the next one instead of rejecting unhandled', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      let failing = true;
      const { reminders } = await setup({
        permission: () => 'granted',
        pushActive: async () => {
          if (failing) throw new Error('Database has been closed');
          return false;
        },
      });
      // The first check runs at start; the timer's next one (maxWaitMs 10) fails too, then one succeeds.
      await new Promise((resolve) => setTimeout(resolve, 40));
      failing = false;
      expect(await reminders.check()).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
    }
  });

  it('a permission request that fails (a browser that only offers the callback form) counts as not granted', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      const onGranted = vi.fn();
      const requestPermission = vi.fn(async (): Promise<NotificationPermission> => {
        throw new TypeError('Notification.requestPermission needs a callback');
      });
      const { reminders } = await setup({ requestPermission, onGranted });
      reminders.onReminderAdded();
      await vi.waitFor(() => expect(requestPermission).toHaveBeenCalledTimes(1));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(onGranted).not.toHaveBeenCalled();
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
    }
  });
});
