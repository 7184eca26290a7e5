import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createClock } from '../core/hlc';
import { openTendDb } from './database';
import { createLazyTasksStore } from './lazy-store';
import * as storeModule from './tasks-store';

const dbs: ReturnType<typeof openTendDb>[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

function setup(importStore?: () => Promise<typeof storeModule>) {
  const db = openTendDb(`lazy-${Math.random()}`);
  dbs.push(db);
  let t = Date.parse('2026-11-26T09:00:00.000Z');
  const clock = createClock({ now: () => ++t, nodeId: '0123456789ABCDEF' });
  return { db, store: createLazyTasksStore({ db, clock, now: () => t }, importStore) };
}

describe('lazy tasks store', () => {
  it('loads the real store once, on first use, and forwards every action', async () => {
    let imports = 0;
    const { db, store } = setup(async () => {
      imports++;
      return storeModule;
    });
    expect(imports).toBe(0);
    const [a, b] = await Promise.all([
      store.addTask({ title: 'one' }),
      store.addTask({ title: 'two' }),
    ]);
    expect(imports).toBe(1);
    await store.completeTask(a.id);
    await store.updateTask(b.id, { priority: 1 });
    expect((await store.getTask(a.id))?.completedAt).not.toBeNull();
    expect((await store.getTask(b.id))?.priority).toBe(1);
    expect(await db.outbox.count()).toBe(4);
    await store.load();
    expect(imports).toBe(1);
  });

  it('passes validation errors through unchanged', async () => {
    const { db, store } = setup();
    await expect(store.addTask({ title: '   ' })).rejects.toMatchObject({ code: 'invalid_task' });
    expect(await db.tasks.count()).toBe(0);
  });
});
