import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createClock } from '../core/hlc';
import { openTendDb } from './database';
import { knownNoOpenTasks } from './first-page';
import { createTasksStore } from './tasks-store';

const now = () => Date.parse('2026-12-03T09:00:00.000Z');

async function databaseWith(titles: { title: string; done?: boolean }[]) {
  const indexedDB = new IDBFactory();
  const db = openTendDb('tend', { indexedDB, IDBKeyRange });
  const store = createTasksStore({
    db,
    clock: createClock({ now, nodeId: 'AAAAAAAAAAAAAAAA' }),
    now,
  });
  for (const { title, done } of titles) {
    const task = await store.addTask({ title, project: title === 'Filed' ? 'Work' : undefined });
    if (done) await store.completeTask(task.id);
  }
  db.close();
  return indexedDB;
}

describe('knownNoOpenTasks', () => {
  it('is true where no database exists yet, and creates none', async () => {
    const indexedDB = new IDBFactory();
    expect(await knownNoOpenTasks('tend', { indexedDB, IDBKeyRange })).toBe(true);
    expect(await indexedDB.databases()).toEqual([]);
  });

  it('is true when every task is completed', async () => {
    const indexedDB = await databaseWith([{ title: 'Old', done: true }]);
    expect(await knownNoOpenTasks('tend', { indexedDB, IDBKeyRange })).toBe(true);
  });

  it('is false when a task is open, in the Inbox or in a project', async () => {
    for (const title of ['Loose', 'Filed']) {
      const indexedDB = await databaseWith([{ title }, { title: 'Old', done: true }]);
      expect(await knownNoOpenTasks('tend', { indexedDB, IDBKeyRange })).toBe(false);
    }
  });

  it('leaves the database to Dexie afterwards: it opens and reads as before', async () => {
    const indexedDB = await databaseWith([{ title: 'Loose' }]);
    await knownNoOpenTasks('tend', { indexedDB, IDBKeyRange });
    const db = openTendDb('tend', { indexedDB, IDBKeyRange });
    expect((await db.tasks.toArray()).map((t) => t.title)).toEqual(['Loose']);
    db.close();
  });
});
