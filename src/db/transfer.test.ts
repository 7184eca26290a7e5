import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { createClock } from '../core/hlc';
import { TransferError } from '../core/transfer/errors';
import { openTendDb } from './database';
import type { TendDb } from './database';
import { projectIdForName } from '../core/project-id';
import { createCommentsStore, listComments } from './comments-store';
import { createProjectsStore } from './projects-store';
import { createSectionsStore } from './sections-store';
import { listProjectSections } from './queries';
import { createTasksStore } from './tasks-store';
import { exportJson, exportTasks, importJson } from './testing';
import { exportJsonParts, importJsonStream, importTodoistCsv } from './transfer';

const T0 = Date.parse('2026-11-26T09:00:00.000Z');
const open: TendDb[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function device(node: string, start = T0) {
  const db = openTendDb(`transfer-${node}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  open.push(db);
  let time = start;
  const now = () => time;
  const clock = createClock({ now, nodeId: node });
  const store = createTasksStore({ db, clock, now, today: () => '2026-11-26' });
  return { db, clock, store, now, advance: (ms: number) => (time += ms) };
}

async function seed() {
  const a = device('AAAAAAAAAAAAAAAA');
  const t1 = await a.store.addTask({
    title: 'Call mom',
    labels: ['family'],
    due: '2026-11-27T18:30',
  });
  const t2 = await a.store.addTask({
    title: 'Pay rent',
    project: 'Home',
    recurrence: 'FREQ=MONTHLY',
  });
  const t3 = await a.store.addTask({ title: 'Old idea', notes: 'multi\nline "quoted"' });
  a.advance(1000);
  await a.store.updateTask(t1.id, { priority: 1 });
  await a.store.completeTask(t2.id);
  await a.store.deleteTask(t3.id);
  return { a, ids: [t1.id, t2.id, t3.id] };
}

const records = async (db: TendDb) => (await exportTasks(db, 0)).tasks;

describe('streamed JSON export and import', () => {
  async function many(count: number) {
    const a = device('AAAAAAAAAAAAAAAA');
    await a.store.addTasks(
      Array.from({ length: count }, (_, i) => ({
        title: `Task ${i} "quoted" }]`,
        notes: i % 3 ? '' : `line\nbreak ${i}`,
        labels: i % 2 ? ['x'] : [],
        completedAt: i % 5 ? null : new Date(T0).toISOString(),
      })),
    );
    return a;
  }

  it('exports compactly, one record per line, the same text in slices as at once', async () => {
    const a = await many(25);
    const text = await exportJson(a.db, T0);
    const { parts, count } = await exportJsonParts(a.db, T0, { slice: 4 });
    expect(count).toBe(25);
    expect(parts.join('')).toBe(text);
    expect(text.split('\n')).toHaveLength(25 + 3);
    const file = JSON.parse(text) as { tasks: unknown[] };
    expect(text.length).toBeLessThan(JSON.stringify(file, null, 1).length * 0.9);
  });

  it('imports a file read in small pieces, a slice per transaction, with progress to the end', async () => {
    const a = await many(40);
    const text = await exportJson(a.db, T0);
    const b = device('BBBBBBBBBBBBBBBB');
    const progress: number[] = [];
    const pieces = async function* () {
      for (let i = 0; i < text.length; i += 97) yield text.slice(i, i + 97);
    };
    const summary = await importJsonStream(b.db, pieces, {
      clock: b.clock,
      slice: 7,
      size: text.length,
      onProgress: (f) => progress.push(f),
    });
    expect(summary).toEqual({ total: 40, created: 40, updated: 0, unchanged: 0 });
    expect(await records(b.db)).toEqual(await records(a.db));
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((x, y) => x - y));
    // Checking the file is reported before any slice is written.
    expect(progress.filter((f) => f <= 0.2).length).toBeGreaterThan(1);
  });

  it('reads the indented exports earlier versions of Tend wrote', async () => {
    const a = await many(5);
    const indented = JSON.stringify(JSON.parse(await exportJson(a.db, T0)), null, 1);
    const b = device('BBBBBBBBBBBBBBBB');
    expect((await importJson(b.db, indented, { clock: b.clock })).created).toBe(5);
  });

  it('a bad record in a late slice imports nothing', async () => {
    const a = await many(30);
    const file = JSON.parse(await exportJson(a.db, T0));
    file.tasks[29].clock = 'late';
    const b = device('BBBBBBBBBBBBBBBB');
    await expect(
      importJson(b.db, JSON.stringify(file), { clock: b.clock, slice: 5 }),
    ).rejects.toThrow(TransferError);
    expect(await b.db.tasks.count()).toBe(0);
  });
});

describe('JSON export and import', () => {
  it('round-trips projects: the imported tasks are in the same, renamed project', async () => {
    const { a, ids } = await seed();
    const projects = createProjectsStore({ db: a.db, clock: a.clock, now: a.now });
    a.advance(1000);
    await projects.updateProject(projectIdForName('Home'), { name: 'House', colour: 'teal' });
    const text = await exportJson(a.db, T0 + 5000);
    const b = device('BBBBBBBBBBBBBBBB');
    await importJson(b.db, text, { clock: b.clock });
    expect(await b.db.projects.toArray()).toEqual(await a.db.projects.toArray());
    expect((await b.store.getTask(ids[1]))?.project).toBe('House');
    // Importing again changes nothing: the projects merged like sync.
    const outbox = await b.db.outbox.count();
    await importJson(b.db, text, { clock: b.clock });
    expect(await b.db.outbox.count()).toBe(outbox);
  });

  it('round-trips sections: the imported tasks are in the same sections of the same project', async () => {
    const { a, ids } = await seed();
    const sections = createSectionsStore({ db: a.db, clock: a.clock, now: a.now });
    const home = projectIdForName('Home');
    const bills = await sections.addSection({ projectId: home, name: 'Bills' });
    const gone = await sections.addSection({ projectId: home, name: 'Old' });
    await sections.deleteSection(gone.id);
    await a.store.updateTask(ids[1], { sectionId: bills.id });
    const text = await exportJson(a.db, T0 + 5000);
    const b = device('BBBBBBBBBBBBBBBB');
    await importJson(b.db, text, { clock: b.clock });
    expect(await b.db.sections.toArray()).toEqual(await a.db.sections.toArray());
    expect((await b.store.getTask(ids[1]))?.sectionId).toBe(bills.id);
    expect(await b.db.outbox.where('taskId').equals(bills.id).count()).toBeGreaterThan(0);
    const outbox = await b.db.outbox.count();
    await importJson(b.db, text, { clock: b.clock });
    expect(await b.db.outbox.count()).toBe(outbox);
  });

  it('round-trips comments, edits and deletions included, in both export forms, and merges them like sync', async () => {
    const { a, ids } = await seed();
    const comments = createCommentsStore({ db: a.db, clock: a.clock, now: a.now });
    const kept = await comments.addComment(ids[0], 'See https://example.com/mom');
    const gone = await comments.addComment(ids[0], 'Wrong task');
    a.advance(1000);
    await comments.editComment(kept.id, 'See https://example.org/mom');
    await comments.deleteComment(gone.id);
    const text = await exportJson(a.db, T0 + 5000);
    expect((await exportJsonParts(a.db, T0 + 5000)).parts.join('')).toBe(text);
    const b = device('BBBBBBBBBBBBBBBB');
    await importJson(b.db, text, { clock: b.clock });
    expect(await b.db.comments.orderBy('id').toArray()).toEqual(
      await a.db.comments.orderBy('id').toArray(),
    );
    expect(await listComments(b.db, ids[0])).toEqual([
      expect.objectContaining({ text: 'See https://example.org/mom', postedAt: kept.postedAt }),
    ]);
    // Queued for sync as comment writes; importing again changes nothing.
    expect((await b.db.outbox.toArray()).some((e) => e.kind === 'comment')).toBe(true);
    const outbox = await b.db.outbox.count();
    await importJson(b.db, text, { clock: b.clock });
    expect(await b.db.outbox.count()).toBe(outbox);
  });

  it('gives the project names of a file from before project records their records', async () => {
    const { a, ids } = await seed();
    const file = JSON.parse(await exportJson(a.db, T0 + 5000));
    delete file.projects;
    for (const task of file.tasks)
      if (task.projectId) {
        task.project = 'Home';
        task.projectId = null;
      }
    const b = device('BBBBBBBBBBBBBBBB');
    await importJson(b.db, JSON.stringify(file), { clock: b.clock });
    expect((await b.db.projects.toArray()).map((p) => [p.id, p.name])).toEqual([
      [projectIdForName('Home'), 'Home'],
    ]);
    expect((await b.store.getTask(ids[1]))?.project).toBe('Home');
  });

  it('round-trips every record, deleted and completed ones included, clocks and all', async () => {
    const { a } = await seed();
    const text = await exportJson(a.db, T0 + 5000);
    expect(JSON.parse(text)).toMatchObject({
      format: 'tend-export',
      version: 2,
      exportedAt: new Date(T0 + 5000).toISOString(),
    });

    const b = device('BBBBBBBBBBBBBBBB');
    const summary = await importJson(b.db, text, { clock: b.clock });
    expect(summary).toEqual({ total: 3, created: 3, updated: 0, unchanged: 0 });
    expect(await records(b.db)).toEqual(await records(a.db));
    // The import is queued for sync, under the original timestamps.
    const queued = await b.db.outbox.orderBy('hlc').toArray();
    expect(queued.length).toBeGreaterThan(0);
    expect(new Set(queued.map((e) => e.hlc))).toEqual(
      new Set((await a.db.outbox.toArray()).map((e) => e.hlc)),
    );
    // Local writes after the import sort after everything imported.
    expect(b.clock.tick() > queued.at(-1)!.hlc).toBe(true);
  });

  it('importing the same file again changes nothing and queues nothing', async () => {
    const { a } = await seed();
    const text = await exportJson(a.db, T0);
    const b = device('BBBBBBBBBBBBBBBB');
    await importJson(b.db, text, { clock: b.clock });
    const before = { tasks: await b.db.tasks.toArray(), outbox: await b.db.outbox.count() };
    expect(await importJson(b.db, text, { clock: b.clock })).toEqual({
      total: 3,
      created: 0,
      updated: 0,
      unchanged: 3,
    });
    expect(await b.db.tasks.toArray()).toEqual(before.tasks);
    expect(await b.db.outbox.count()).toBe(before.outbox);
    // Importing into the device that exported is a no-op too.
    expect((await importJson(a.db, text, { clock: a.clock })).unchanged).toBe(3);
  });

  it('merges per field: newer local edits survive an older file, newer file fields win', async () => {
    const { a, ids } = await seed();
    const old = await exportJson(a.db, T0);
    a.advance(1000);
    await a.store.updateTask(ids[0], { title: 'Call mom tonight' });
    const b = device('BBBBBBBBBBBBBBBB', T0 + 60_000);
    await importJson(b.db, old, { clock: b.clock });
    await b.store.updateTask(ids[0], { notes: 'ask about Sunday' });
    const outboxBefore = new Set(await a.db.outbox.toCollection().primaryKeys());
    const summary = await importJson(a.db, await exportJson(b.db, T0), { clock: a.clock });
    expect(summary).toMatchObject({ updated: 1, unchanged: 2 });
    const merged = await a.store.getTask(ids[0]);
    expect(merged).toMatchObject({
      title: 'Call mom tonight',
      notes: 'ask about Sunday',
      priority: 1,
    });
    const added = (await a.db.outbox.toArray()).filter((e) => !outboxBefore.has(e.id));
    expect(added.map((e) => e.changes)).toEqual([{ notes: 'ask about Sunday' }]);
  });

  it('a file with a bad record imports nothing', async () => {
    const { a } = await seed();
    const file = JSON.parse(await exportJson(a.db, T0));
    file.tasks[2].title = '';
    const b = device('BBBBBBBBBBBBBBBB');
    await expect(importJson(b.db, JSON.stringify(file), { clock: b.clock })).rejects.toThrow(
      TransferError,
    );
    expect(await b.db.tasks.count()).toBe(0);
    expect(await b.db.outbox.count()).toBe(0);
  });
});

describe('Todoist CSV import', () => {
  it('adds the tasks through the store, in file order, each queued for sync', async () => {
    const { db, store } = device('CCCCCCCCCCCCCCCC');
    const csv =
      'TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE\n' +
      'task,Renew passport @admin,,1,1,,,2026-12-03,en,\n' +
      'task,Book flights,,4,1,,,,,\n' +
      'task,   ,,1,1,,,,,\n';
    const { tasks, warnings } = await importTodoistCsv(store, csv, {
      project: 'Travel',
      now: new Date(T0),
    });
    expect(tasks.map((t) => [t.title, t.project, t.labels, t.priority, t.due])).toEqual([
      ['Renew passport', 'Travel', ['admin'], 1, '2026-12-03'],
      ['Book flights', 'Travel', [], 4, null],
    ]);
    expect(tasks[0].order).toBeLessThan(tasks[1].order);
    expect(warnings).toHaveLength(1);
    // Two tasks, their project "Travel" and the label "admin".
    expect(await db.outbox.count()).toBe(4);
    expect(
      await importTodoistCsv(store, 'TYPE,CONTENT\n', { project: null, now: new Date(T0) }),
    ).toEqual({
      tasks: [],
      comments: 0,
      warnings: [],
    });
  });

  it('makes section rows sections of the project, the tasks below each in it, queued for sync', async () => {
    const { db, clock, now, store } = device('FFFFFFFFFFFFFFFF');
    const csv =
      'TYPE,CONTENT,PRIORITY,INDENT\n' +
      'task,Measure,1,1\nsection,Shopping,,\ntask,Buy paint,1,1\nsection,Walls,,\ntask,Sand,1,1\n';
    const sectionsStore = createSectionsStore({ db, clock, now });
    const { tasks } = await importTodoistCsv(store, csv, {
      project: 'Home Renovation',
      now: new Date(T0),
      sectionsStore,
    });
    const projectId = tasks[0].projectId!;
    const sections = await listProjectSections(db, projectId);
    expect(sections.map((s) => s.name)).toEqual(['Shopping', 'Walls']);
    expect(tasks.map((t) => [t.title, sections.find((s) => s.id === t.sectionId)?.name])).toEqual([
      ['Measure', undefined],
      ['Buy paint', 'Shopping'],
      ['Sand', 'Walls'],
    ]);
    expect(tasks.every((t) => t.labels.length === 0)).toBe(true);
    const queued = await db.outbox.toArray();
    expect(
      queued
        .filter((e) => e.kind === 'section')
        .map((e) => e.taskId)
        .sort(),
    ).toEqual(sections.map((s) => s.id).sort());
  });

  it('posts the notes of a Todoist file as comments of their tasks, in file order, queued for sync', async () => {
    const { db, clock, store, now } = device('EEEEEEEEEEEEEEEE');
    const comments = createCommentsStore({ db, clock, now });
    const csv =
      'TYPE,CONTENT,PRIORITY,INDENT\n' +
      'task,Fix the sink,1,1\n' +
      'note,Call Sam,,\n' +
      'note,Parts at https://example.com/parts,,\n' +
      'task,Paint,1,1\n' +
      'note,Buy white,,\n';
    const result = await importTodoistCsv(store, csv, {
      project: null,
      now: new Date(T0),
      comments,
    });
    expect(result.comments).toBe(3);
    const [sink, paint] = result.tasks;
    expect(sink.notes).toBe('');
    expect((await listComments(db, sink.id)).map((c) => c.text)).toEqual([
      'Call Sam',
      'Parts at https://example.com/parts',
    ]);
    expect((await listComments(db, paint.id)).map((c) => c.text)).toEqual(['Buy white']);
    expect((await db.outbox.toArray()).filter((e) => e.kind === 'comment')).toHaveLength(3);
  });

  it('keeps the Todoist hierarchy as sub-tasks, through the store', async () => {
    const { store } = device('DDDDDDDDDDDDDDDD');
    const csv =
      'TYPE,CONTENT,PRIORITY,INDENT\n' +
      'task,Trip,1,1\ntask,Pack,1,2\ntask,Socks,1,3\ntask,Book hotel,1,2\n';
    const { tasks } = await importTodoistCsv(store, csv, { project: null, now: new Date(T0) });
    const [trip, pack, socks, hotel] = tasks;
    expect([trip.parentId, pack.parentId, socks.parentId, hotel.parentId]).toEqual([
      null,
      trip.id,
      pack.id,
      trip.id,
    ]);
  });
});

describe('JSON export and import of sub-tasks', () => {
  it('round-trips the parent links', async () => {
    const a = device('EEEEEEEEEEEEEEEE');
    const parent = await a.store.addTask({ title: 'Trip' });
    const child = await a.store.addTask({ title: 'Pack', parentId: parent.id });
    const b = device('FFFFFFFFFFFFFFFF');
    await importJson(b.db, await exportJson(a.db, T0), { clock: b.clock });
    expect((await b.store.getTask(child.id))?.parentId).toBe(parent.id);
    expect(await records(b.db)).toEqual(await records(a.db));
  });
});
