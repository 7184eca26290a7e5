import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { createClock } from '../core/hlc';
import type { NewTask } from '../core/task';
import { openTendDb } from './database';
import { inboxAtStart, readFirstPage, readInboxPage } from './first-page';
import { countView, queryViewPage } from './queries';
import { SCHEMA_VERSION } from './schema-version';
import { createTasksStore } from './tasks-store';

const TODAY = '2026-12-03';
const now = () => Date.parse('2026-12-03T09:00:00.000Z');
const INBOX = { kind: 'inbox' } as const;

/** A seeded database: tasks loose and in projects, open and done, labelled, many sharing a place. */
async function seeded(count: number, projects = [null, null, 'Work', 'Home', 'Gone']) {
  const indexedDB = new IDBFactory();
  const db = openTendDb('tend', { indexedDB, IDBKeyRange });
  const store = createTasksStore({
    db,
    clock: createClock({ now, nodeId: 'AAAAAAAAAAAAAAAA' }),
    now,
  });
  const tasks: NewTask[] = Array.from({ length: count }, (_, i) => ({
    title: `Task ${i}`,
    project: projects[i % projects.length],
    labels: i % 3 === 0 ? ['errand'] : [],
    // Few places for many tasks: the page's last row ties with others.
    order: Math.floor(i / 4),
    completedAt: i % 7 === 0 ? new Date(now()).toISOString() : null,
  }));
  await store.addTasks(tasks);
  // Later tasks made earlier (as from another device): tasks sharing a place sort by when they were
  // made, against the order of their ids in the index.
  await db.tasks.toCollection().modify((t) => {
    t.createdAt = new Date(now() - Number(t.title?.split(' ')[1]) * 1_000).toISOString();
  });
  // A project deleted elsewhere while its tasks stay: the Inbox shows them.
  const gone = (await db.projects.toArray()).find((p) => p.name === 'Gone');
  if (gone) await db.projects.update(gone.id, { deletedAt: new Date(now()).toISOString() });
  return { indexedDB, db };
}

describe('readInboxPage', () => {
  it('is an empty Inbox where no database exists yet, and creates none', async () => {
    const indexedDB = new IDBFactory();
    expect(await readInboxPage(100, 'tend', { indexedDB, IDBKeyRange })).toEqual({
      tasks: [],
      total: 0,
    });
    expect(await indexedDB.databases()).toEqual([]);
  });

  it('reads the first page the Inbox view reads, with its total, without Dexie', async () => {
    const { indexedDB, db } = await seeded(200);
    const whole = (await queryViewPage(db, INBOX, { today: TODAY })).groups.flatMap((g) => g.tasks);
    // A page that ends between two tasks of the same place.
    const tie = whole.findIndex((t, i) => i > 20 && t.order === whole[i - 1].order);
    expect(tie).toBeGreaterThan(0);
    for (const limit of [1, 7, tie, 100]) {
      const view = await queryViewPage(db, INBOX, { today: TODAY, limit, withTotal: false });
      const expected = view.groups.flatMap((g) => g.tasks);
      const page = await readInboxPage(limit, 'tend', { indexedDB, IDBKeyRange });
      expect(page?.tasks).toEqual(expected);
      expect(page?.total).toBe(await countView(db, INBOX, TODAY));
    }
    const page = await readInboxPage(100, 'tend', { indexedDB, IDBKeyRange });
    // What the cases above cover: labels by name, a deleted project's tasks, ties past the limit.
    expect(page?.tasks.some((t) => t.labels.includes('errand'))).toBe(true);
    expect(page?.tasks.some((t) => t.title === 'Task 4')).toBe(true);
    db.close();
  });

  it('reads past the limit the tasks sharing the place of the last row, as the view does', async () => {
    const { indexedDB, db } = await seeded(40, [null]);
    for (const limit of [5, 6, 7, 8]) {
      const view = await queryViewPage(db, INBOX, { today: TODAY, limit, withTotal: false });
      const page = await readInboxPage(limit, 'tend', { indexedDB, IDBKeyRange });
      expect(page?.tasks).toEqual(view.groups.flatMap((g) => g.tasks));
    }
    db.close();
  });

  it('leaves a database of another schema version to Dexie, which upgrades it first', async () => {
    const indexedDB = new IDBFactory();
    const old = new Dexie('tend', { indexedDB, IDBKeyRange });
    old.version(SCHEMA_VERSION - 1).stores({ tasks: 'id', projects: 'id', labels: 'id' });
    await old.open();
    old.close();
    expect(await readInboxPage(100, 'tend', { indexedDB, IDBKeyRange })).toBeNull();
  });

  it('leaves the database to Dexie afterwards: it opens and reads as before', async () => {
    const { indexedDB, db } = await seeded(20);
    db.close();
    await readInboxPage(100, 'tend', { indexedDB, IDBKeyRange });
    const again = openTendDb('tend', { indexedDB, IDBKeyRange });
    expect(await again.tasks.count()).toBe(20);
    again.close();
  });
});

describe('readFirstPage', () => {
  it('keeps the page it read for the first render', async () => {
    const { indexedDB, db } = await seeded(10);
    await readFirstPage({ indexedDb: { indexedDB, IDBKeyRange } });
    expect(inboxAtStart()?.tasks.map((t) => t.title)).toEqual(
      (await queryViewPage(db, INBOX, { today: TODAY, limit: 100 })).groups.flatMap((g) =>
        g.tasks.map((t) => t.title),
      ),
    );
    db.close();
  });

  it('gives up after `wait`: storage that does not answer leaves the page to Dexie', async () => {
    const silent = { open: () => ({}) } as unknown as IDBFactory;
    const started = Date.now();
    await readFirstPage({ wait: 20, indexedDb: { indexedDB: silent, IDBKeyRange } });
    expect(inboxAtStart()).toBeNull();
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

it('names the schema version database.ts declares', () => {
  const db = openTendDb('versions', { indexedDB: new IDBFactory(), IDBKeyRange });
  expect(db.verno).toBe(SCHEMA_VERSION);
});
