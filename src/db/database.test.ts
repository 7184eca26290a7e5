import { labelIdForName } from '../core/label-id';
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { formatHlc } from '../core/hlc';
import { applyMutation } from '../core/merge';
import { projectIdForName } from '../core/project-id';
import { CONFLICT_RETENTION_MS, getMeta, openTendDb, pruneConflicts, setMeta } from './database';
import type { TendDb } from './database';
import { createPersistentClock } from './persistent-clock';
import { storedToTask, toTaskRecord } from './task-index';

const ID = '0193b5a0-0000-7000-8000-000000000001';
const T0 = Date.parse('2026-11-26T09:00:00.000Z');
const open: TendDb[] = [];

function freshDb(factory = new IDBFactory()) {
  const db = openTendDb('tend-test', { indexedDB: factory, IDBKeyRange });
  open.push(db);
  return db;
}

afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

const hlc = (ms: number) => formatHlc({ millis: T0 + ms, counter: 0, node: 'AAAAAAAAAAAAAAAA' });

describe('database schema', () => {
  it('creates the tables and the indexes the views use', async () => {
    const db = freshDb();
    await db.open();
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      'aiCache',
      'comments',
      'conflicts',
      'delivered',
      'filters',
      'labels',
      'meta',
      'outbox',
      'projects',
      'sections',
      'tasks',
    ]);
    const indexes = db.tasks.schema.indexes.map((i) => i.name).sort();
    expect(indexes).toEqual(
      [
        '[status+completedAt]',
        '[status+due]',
        '[status+projectKey]',
        '[status+projectKey+order]',
        'labels',
        'openLabels',
        'order',
        'parentId',
        'updatedAt',
        'words',
      ].sort(),
    );
    expect(db.outbox.schema.indexes.map((i) => i.name)).toEqual(
      expect.arrayContaining(['hlc', 'taskId', 'rejected.at']),
    );
    expect(db.delivered.schema.indexes.map((i) => i.name)).toEqual(['at']);
    expect(db.comments.schema.indexes.map((i) => i.name)).toEqual(['taskId']);
    expect(db.verno).toBe(12);
  });

  it('upgrades a version 8 database to comments and forgets the pull cursor, so comments arrive', async () => {
    const factory = new IDBFactory();
    const old = new Dexie('tend-test', { indexedDB: factory, IDBKeyRange });
    old.version(8).stores({
      tasks:
        'id, [status+projectKey], [status+projectKey+order], [status+due], [status+completedAt], *openLabels, *labels, order, updatedAt, parentId',
      outbox: 'id, hlc, taskId, rejected.at',
      meta: 'key',
      conflicts: '++seq, taskId, at',
      aiCache: 'key, at',
      filters: 'id, order',
      delivered: 'key, at',
      projects: 'id',
    });
    await old.table('meta').bulkPut([
      { key: 'syncCursor', value: '42' },
      { key: 'syncUserId', value: 'user-1' },
    ]);
    await old
      .table('outbox')
      .put({ id: 'unsent', taskId: ID, hlc: hlc(0), changes: { title: 'x' } });
    old.close();
    const db = freshDb(factory);
    await db.open();
    expect(await getMeta(db, 'syncCursor')).toBeUndefined();
    expect(await getMeta(db, 'syncUserId')).toBe('user-1');
    expect((await db.outbox.toArray()).map((e) => e.id)).toEqual(['unsent']);
    expect(await db.comments.count()).toBe(0);
    expect(db.verno).toBe(12);
  });

  it('upgrades a version 2 database in place: tasks kept, sub-tasks found by parent, words indexed', async () => {
    const factory = new IDBFactory();
    const old = new Dexie('tend-test', { indexedDB: factory, IDBKeyRange });
    old.version(2).stores({
      tasks:
        'id, [status+projectKey], [status+due], [status+completedAt], *openLabels, *labels, order, updatedAt',
      outbox: 'id, hlc, taskId, rejected.at',
      meta: 'key',
      conflicts: '++seq, taskId, at',
      aiCache: 'key, at',
    });
    const parent = applyMutation(undefined, {
      id: 'm1',
      taskId: ID,
      hlc: hlc(0),
      changes: { title: 'old' },
    }).record;
    await old.table('tasks').put({ ...parent, status: 'open', projectKey: '', openLabels: [] });
    old.close();
    const db = freshDb(factory);
    const child = applyMutation(undefined, {
      id: 'm2',
      taskId: '0193b5a0-0000-7000-8000-000000000002',
      hlc: hlc(1),
      changes: { title: 'new', parentId: ID },
    }).record;
    await db.tasks.put(child);
    expect(storedToTask((await db.tasks.get(ID))!)).toMatchObject({ title: 'old', parentId: null });
    expect((await db.tasks.where('parentId').equals(ID).toArray()).map((t) => t.title)).toEqual([
      'new',
    ]);
    // The task stored before the word index existed is found by it.
    expect(await db.tasks.where('words').startsWith('ol').primaryKeys()).toEqual([ID]);
  });

  it('derives the index fields on every write, whoever writes', async () => {
    const db = freshDb();
    const created = applyMutation(undefined, {
      id: 'm1',
      taskId: ID,
      hlc: hlc(0),
      changes: { title: 'x', labels: ['a', 'a', 'b'], project: null, order: 0 },
    }).record;
    await db.tasks.put(created);
    expect(await db.tasks.get(ID)).toMatchObject({
      status: 'open',
      projectKey: '',
      // Legacy names are keyed by the ids of the label records they resolve to.
      openLabels: [labelIdForName('a'), labelIdForName('b')],
    });
    await db.tasks.update(ID, { completedAt: '2026-11-26T10:00:00.000Z', project: 'Home' });
    expect(await db.tasks.get(ID)).toMatchObject({
      status: 'done',
      // A legacy name is keyed by the id of the project record it resolves to.
      projectKey: projectIdForName('Home'),
      openLabels: [],
    });
    await db.tasks.update(ID, { deletedAt: '2026-11-26T10:00:00.000Z' });
    expect((await db.tasks.get(ID))?.status).toBe('deleted');
  });

  it('marks a record missing its title as partial (hidden from views) and strips index fields back out', async () => {
    const db = freshDb();
    const partial = applyMutation(undefined, {
      id: 'm1',
      taskId: ID,
      hlc: hlc(0),
      changes: { priority: 1 },
    }).record;
    await db.tasks.add(partial);
    const stored = (await db.tasks.get(ID))!;
    expect(stored.status).toBe('partial');
    expect(toTaskRecord(stored)).toEqual(partial);
  });

  it('reads a stored task as a Task with defaults and without clocks', async () => {
    const db = freshDb();
    const record = applyMutation(undefined, {
      id: 'm1',
      taskId: ID,
      hlc: hlc(0),
      changes: { title: 'x' },
    }).record;
    await db.tasks.put(record);
    const task = storedToTask((await db.tasks.get(ID))!);
    expect(task).toEqual({
      id: ID,
      title: 'x',
      notes: '',
      due: null,
      priority: 4,
      project: null,
      labels: [],
      recurrence: null,
      completedAt: null,
      deletedAt: null,
      order: 0,
      parentId: null,
      projectId: null,
      reminders: [],
      sectionId: null,
      labelIds: null,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
    });
  });

  it('prunes conflict journal entries older than 14 days', async () => {
    const db = freshDb();
    const entry = {
      taskId: ID,
      field: 'title' as const,
      oldValue: 'a',
      newValue: 'b',
      oldHlc: hlc(0),
      newHlc: hlc(1),
    };
    const now = T0 + CONFLICT_RETENTION_MS + 1000;
    await db.conflicts.bulkAdd([
      { ...entry, at: new Date(T0).toISOString() },
      { ...entry, at: new Date(now - 1000).toISOString() },
    ]);
    expect(await pruneConflicts(db, now)).toBe(1);
    expect((await db.conflicts.toArray()).map((c) => c.at)).toEqual([
      new Date(now - 1000).toISOString(),
    ]);
  });

  it('stores settings in meta', async () => {
    const db = freshDb();
    expect(await getMeta(db, 'settings')).toBeUndefined();
    await setMeta(db, 'settings', { theme: 'dark' });
    expect(await getMeta(db, 'settings')).toEqual({ theme: 'dark' });
  });
});

describe('persistent clock', () => {
  it('creates the node id once and keeps timestamps increasing across reloads, even if the wall clock goes back', async () => {
    const factory = new IDBFactory();
    let db = freshDb(factory);
    const first = await createPersistentClock(db, { now: () => T0, random: () => 0.5 });
    expect(first.nodeId).toBe('8888888888888888');
    const stamp = first.tick();
    await db.meta.put({ key: 'lastHlc', value: stamp });
    db.close();

    db = freshDb(factory);
    const second = await createPersistentClock(db, { now: () => T0 - 60_000, random: () => 0.1 });
    expect(second.nodeId).toBe('8888888888888888');
    expect(second.tick() > stamp).toBe(true);
  });
});
