import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
// liveQuery only observes a database opened on the global indexedDB, so this file installs the fake one.
import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClock, formatHlc } from '../core/hlc';
import { applyMutation } from '../core/merge';
import type { Task } from '../core/task';
import { addDays } from '../core/calendar';
import { countForNav, countNames, selectView } from '../core/testing/view-reference';
import { groupForView, isOpen } from '../core/views';
import type { ViewSpec } from '../core/views';
import { openTendDb } from './database';
import type { TendDb } from './database';
import {
  countNav,
  countSubtasks,
  listLabels,
  listProjects,
  queryTrash,
  queryView,
  queryViewPage,
} from './queries';
import { buildSearchIndex } from './search-index';
import type { StoredTask } from './task-index';
import { createTasksStore } from './tasks-store';
import type { NewTask } from '../core/task';

const TODAY = '2026-11-26';
const T0 = Date.parse('2026-11-26T09:00:00.000Z');

/** Small seeded generator so the data set is the same on every run. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomTasks(count: number, random: () => number): NewTask[] {
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const words = ['call', 'email', 'Report', 'budget', 'milk', 'Priya', 'review', 'plan', 'gym'];
  return Array.from({ length: count }, (_, i) => {
    const offset = Math.floor(random() * 20) - 8;
    const due = random() < 0.6 ? addDays(TODAY, offset) + (random() < 0.3 ? 'T08:30' : '') : null;
    return {
      title: `${pick(words)} ${pick(words)} ${i}`,
      notes: random() < 0.3 ? `${pick(words)} notes` : '',
      due,
      project: random() < 0.5 ? null : pick(['Work', 'Home', 'home', 'Side project']),
      labels: random() < 0.4 ? [pick(['deep', 'errand', 'Waiting'])] : [],
      order: Math.floor(random() * 50),
      completedAt: random() < 0.2 ? new Date(T0 - Math.floor(random() * 1e9)).toISOString() : null,
      deletedAt: random() < 0.1 ? new Date(T0).toISOString() : null,
    };
  });
}

let db: TendDb;
let all: Task[];

/** A store writing to `target` with the clock standing at `at`. */
const storeAt = (at: number, target: TendDb) =>
  createTasksStore({
    db: target,
    clock: createClock({ now: () => at, nodeId: 'AAAAAAAAAAAAAAAA' }),
    now: () => at,
  });

beforeAll(async () => {
  db = openTendDb('queries-test', { indexedDB: new IDBFactory(), IDBKeyRange });
  let seq = 0;
  const store = createTasksStore({
    db,
    clock: createClock({ now: () => T0, nodeId: 'AAAAAAAAAAAAAAAA' }),
    now: () => T0,
    newId: () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`,
  });
  all = await store.addTasks(randomTasks(400, mulberry32(42)));
  // A record still missing its title (out-of-order sync) must appear nowhere.
  const partial = applyMutation(undefined, {
    id: 'p',
    taskId: '00000000-0000-4000-8000-ffffffffffff',
    hlc: formatHlc({ millis: T0, counter: 0, node: 'BBBBBBBBBBBBBBBB' }),
    changes: { due: TODAY, priority: 1 },
  }).record;
  await db.tasks.put(partial);
});

afterAll(() => db.close());

const views: ViewSpec[] = [
  { kind: 'inbox' },
  { kind: 'today' },
  { kind: 'upcoming' },
  { kind: 'project', project: 'Work' },
  { kind: 'project', project: 'home' },
  { kind: 'label', label: 'deep' },
  { kind: 'completed' },
  { kind: 'search', query: 'report PRIYA' },
  { kind: 'search', query: 'waiting' },
];

describe('view queries agree with the view definitions', () => {
  it.each(views)('$kind $project$label$query', async (view) => {
    const expected = selectView(view, all, TODAY);
    expect(expected.length).toBeGreaterThan(0);
    expect(await queryView(db, view, { today: TODAY })).toEqual(expected);
  });

  it('limits Completed to the most recent', async () => {
    const expected = selectView({ kind: 'completed' }, all, TODAY).slice(0, 5);
    expect(await queryView(db, { kind: 'completed' }, { today: TODAY, limit: 5 })).toEqual(
      expected,
    );
    const found = selectView({ kind: 'search', query: 'call' }, all, TODAY).slice(0, 3);
    expect(
      await queryView(db, { kind: 'search', query: 'call' }, { today: TODAY, limit: 3 }),
    ).toEqual(found);
    const inbox = selectView({ kind: 'inbox' }, all, TODAY).slice(0, 2);
    expect(await queryView(db, { kind: 'inbox' }, { today: TODAY, limit: 2 })).toEqual(inbox);
  });

  it('lists the Trash: deleted tasks only, most recently deleted first', async () => {
    const byId = (a: Task, b: Task) => (a.id < b.id ? -1 : 1);
    const deleted = all.filter((t) => t.deletedAt !== null);
    expect(deleted.length).toBeGreaterThan(0);
    const trash = await queryTrash(db);
    expect([...trash].sort(byId)).toEqual([...deleted].sort(byId));
    const times = trash.map((t) => t.deletedAt as string);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('counts the navigation from indexes', async () => {
    expect(await countNav(db, TODAY)).toEqual(countForNav(all, TODAY));
  });

  it('lists projects and labels of open tasks with counts', async () => {
    const open = all.filter(isOpen);
    expect(await listProjects(db)).toEqual(
      countNames(open.flatMap((t) => (t.project === null ? [] : [t.project]))),
    );
    expect(await listLabels(db)).toEqual(countNames(open.flatMap((t) => t.labels)));
    // "Home" and "home" name one project (names are matched without case): the first written names it.
    expect((await listProjects(db)).map((p) => p.name)).toEqual(['home', 'Side project', 'Work']);
  });
});

describe('pages', () => {
  const paged = views.filter((v) => v.kind !== 'upcoming' && v.kind !== 'today');

  it.each(paged)('$kind $project$label$query: a page is the start of the view', async (view) => {
    const expected = selectView(view, all, TODAY);
    for (const limit of [1, 7, 50]) {
      expect(await queryView(db, view, { today: TODAY, limit })).toEqual(expected.slice(0, limit));
      const page = await queryViewPage(db, view, { today: TODAY, limit });
      expect(page.total).toBe(expected.length);
    }
  });

  it('pages Upcoming by whole days, so its day groups are complete', async () => {
    const view: ViewSpec = { kind: 'upcoming' };
    const expected = groupForView(view, selectView(view, all, TODAY), TODAY);
    expect(expected.length).toBeGreaterThan(3);
    for (const limit of [1, 7, 30]) {
      const { groups } = await queryViewPage(db, view, { today: TODAY, limit });
      expect(groups.flatMap((g) => g.tasks).length).toBeGreaterThanOrEqual(limit);
      expect(groups).toEqual(expected.slice(0, groups.length));
    }
  });

  it('pages Today by whole days, oldest overdue day first, without reading the rest', async () => {
    const view: ViewSpec = { kind: 'today' };
    const expected = groupForView(view, selectView(view, all, TODAY), TODAY);
    const shown = (groups: { tasks: Task[] }[]) => groups.flatMap((g) => g.tasks);
    const overdueDays = new Set(expected[0].tasks.map((t) => t.due!.slice(0, 10)));
    expect(overdueDays.size).toBeGreaterThan(3);
    for (const limit of [1, 7]) {
      const page = await queryViewPage(db, view, { today: TODAY, limit });
      const rows = shown(page.groups);
      expect(rows.length).toBeGreaterThanOrEqual(limit);
      expect(rows.length).toBeLessThan(shown(expected).length);
      // The first rows of the whole view, whole days only.
      expect(rows).toEqual(shown(expected).slice(0, rows.length));
      const lastDay = rows[rows.length - 1].due!.slice(0, 10);
      expect(rows.filter((t) => t.due!.startsWith(lastDay))).toHaveLength(
        shown(expected).filter((t) => t.due!.startsWith(lastDay)).length,
      );
      expect(page.total).toBe(shown(expected).length);
    }
    const whole = await queryViewPage(db, view, { today: TODAY, limit: 500 });
    expect(whole.groups).toEqual(expected);
  });

  it('pages in other orders than manual by reading the view (its index has the manual order)', async () => {
    const view: ViewSpec = { kind: 'project', project: 'Work' };
    const expected = groupForView(view, selectView(view, all, TODAY), TODAY, 'priority')[0].tasks;
    expect(await queryView(db, view, { today: TODAY, limit: 5, sort: 'priority' })).toEqual(
      expected.slice(0, 5),
    );
  });
});

describe('search through the search index', () => {
  const queries = [
    'report PRIYA',
    'waiting',
    'call',
    'epor',
    'view bud',
    'milk notes',
    'call 1',
    '#Work & call',
    'call | gym',
    '!call & #Home',
    'p1',
    'nothing-matches-this',
  ];

  it.each(queries)('%s: the same tasks, pages and totals as reading every task', async (query) => {
    await buildSearchIndex(db);
    const view: ViewSpec = { kind: 'search', query };
    const expected = selectView(view, all, TODAY);
    expect(await queryView(db, view, { today: TODAY })).toEqual(expected);
    const page = await queryViewPage(db, view, { today: TODAY, limit: 4 });
    expect(page.groups.flatMap((g) => g.tasks)).toEqual(expected.slice(0, 4));
    expect(page.total).toBe(expected.length);
  });

  it('answers by word prefix from the stored index while the in-memory one is being built', async () => {
    const early = openTendDb('search-early', { indexedDB: new IDBFactory(), IDBKeyRange });
    const store = storeAt(T0, early);
    await store.addTasks([
      { title: 'Water the ferns' },
      { title: 'Call Sam', notes: 'about the heater' },
      { title: 'Water', labels: ['garden'] },
    ]);
    let resume = () => {};
    const built = buildSearchIndex(early, {
      slice: 1,
      pause: () => new Promise<void>((r) => (resume = r)),
    });
    let told = 0;
    early.searchIndexChanges.add(() => (told += 1));
    const titles = async (query: string) =>
      (await queryView(early, { kind: 'search', query }, { today: TODAY })).map((t) => t.title);
    // At once, without the build: word prefixes in titles, notes and labels, checked like any search.
    expect(await titles('wat')).toEqual(['Water the ferns', 'Water']);
    expect(await titles('wat fern')).toEqual(['Water the ferns']);
    expect(await titles('GARD')).toEqual(['Water']);
    // A substring inside a word needs the in-memory index: not found yet ...
    expect(await titles('ater')).toEqual([]);
    expect(early.searchIndex?.lookup(['ater'])).toBeNull();
    expect(told).toBe(0);
    for (let i = 0; i < 3; i++) {
      resume();
      await new Promise((r) => setTimeout(r, 5));
    }
    await built;
    // ... and found once it is built; the views were told to ask again.
    expect(told).toBe(1);
    expect(await titles('ater')).toEqual(['Water the ferns', 'Call Sam', 'Water']);
    early.close();
  });

  it('waits for the build when every word is too common to read its tasks from the stored index', async () => {
    const early = openTendDb('search-common', { indexedDB: new IDBFactory(), IDBKeyRange });
    const store = storeAt(T0, early);
    await store.addTasks(Array.from({ length: 1001 }, (_, i) => ({ title: `Common ${i}` })));
    let resume = () => {};
    let pauses = 0;
    const built = buildSearchIndex(early, {
      slice: 500,
      pause: () => new Promise<void>((r) => ((resume = r), (pauses += 1))),
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(pauses).toBe(1);
    const search = queryView(early, { kind: 'search', query: 'common' }, { today: TODAY });
    let answered = false;
    void search.then(() => (answered = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(answered).toBe(false);
    // The waiting search makes the build go on without pausing between slices.
    resume();
    await built;
    expect(pauses).toBe(1);
    expect(await search).toHaveLength(1001);
    early.close();
  }, 20_000);

  it('a search waiting for a build that fails reads the rows itself', async () => {
    const early = openTendDb('search-build-fails', { indexedDB: new IDBFactory(), IDBKeyRange });
    const store = storeAt(T0, early);
    await store.addTasks(Array.from({ length: 600 }, (_, i) => ({ title: `Common ${i}` })));
    let resume = () => {};
    const built = buildSearchIndex(early, {
      slice: 300,
      pause: () => new Promise<void>((r) => (resume = r)),
    });
    await new Promise((r) => setTimeout(r, 20));
    const search = queryView(early, { kind: 'search', query: 'common' }, { today: TODAY });
    await new Promise((r) => setTimeout(r, 20));
    // The build's next slice fails (storage closed under it, say).
    const where = early.tasks.where.bind(early.tasks);
    early.tasks.where = ((index: string) => {
      if (index === ':id') throw new Error('storage went away');
      return where(index);
    }) as typeof early.tasks.where;
    resume();
    await expect(built).rejects.toThrow('storage went away');
    const answer = await Promise.race([
      search.then((tasks) => tasks.length),
      new Promise((r) => setTimeout(() => r('stuck'), 3000)),
    ]);
    expect(answer).toBe(600);
    early.close();
  }, 20_000);

  it('a search the user waits for, which needs the build, lets the build past its quiet wait', async () => {
    const early = openTendDb('search-waiting', { indexedDB: new IDBFactory(), IDBKeyRange });
    const store = storeAt(T0, early);
    await store.addTasks(Array.from({ length: 600 }, (_, i) => ({ title: `Common ${i}` })));
    // Another view read holds the build back after its first slice ...
    let finishRead = () => {};
    const reading = early.inForeground(() => new Promise<void>((r) => (finishRead = r)));
    const built = buildSearchIndex(early, { slice: 100, pause: async () => {} });
    await new Promise((r) => setTimeout(r, 20));
    // ... then the search box asks for a word too common for the stored index: it waits for the
    // build, and is itself a read the user waits for. The build must not wait for it to end.
    const search = queryViewPage(early, { kind: 'search', query: 'common' }, { today: TODAY });
    finishRead();
    await reading;
    const answer = await Promise.race([
      search.then((page) => page.total),
      new Promise((r) => setTimeout(() => r('stuck'), 3000)),
    ]);
    expect(answer).toBe(600);
    await built;
    early.close();
  }, 20_000);

  it('follows writes made in another tab', async () => {
    const factory = new IDBFactory();
    const mine = openTendDb('search-tabs', { indexedDB: factory, IDBKeyRange });
    const other = openTendDb('search-tabs', { indexedDB: factory, IDBKeyRange });
    const store = storeAt(T0, other);
    await buildSearchIndex(mine);
    const told = () => new Promise<void>((r) => mine.searchIndexChanges.add(() => r()));
    let change = told();
    const [tulips] = await store.addTasks([{ title: 'Plant tulips' }]);
    await change;
    expect(mine.searchIndex?.lookup(['ant'])?.hits.map((h) => h.id)).toEqual([tulips.id]);
    change = told();
    await store.deleteTask(tulips.id);
    await change;
    expect(mine.searchIndex?.lookup(['ant'])?.hits).toEqual([]);
    mine.close();
    other.close();
  });

  it('stops answering from the index when it cannot read another tab’s write', async () => {
    const factory = new IDBFactory();
    const mine = openTendDb('search-tabs-fail', { indexedDB: factory, IDBKeyRange });
    const other = openTendDb('search-tabs-fail', { indexedDB: factory, IDBKeyRange });
    const store = storeAt(T0, other);
    await buildSearchIndex(mine);
    const index = mine.searchIndex;
    expect(index?.lookup(['common'])).not.toBeNull();
    // The read of the other tab's rows fails (storage closed under this tab, say): the index would
    // miss those tasks, so searches must read the rows themselves instead of trusting it.
    const failed = new Promise<void>((resolve) => {
      mine.tasks.bulkGet = (() => {
        resolve();
        return Promise.reject(new Error('storage went away')) as never;
      }) as typeof mine.tasks.bulkGet;
    });
    await store.addTasks([{ title: 'Plant tulips' }]);
    await failed;
    await new Promise((r) => setTimeout(r, 0));
    expect(mine.searchIndex).toBeUndefined();
    mine.close();
    other.close();
  });

  it('holds the build back while a view reads the rows the user waits for', async () => {
    const quiet = openTendDb('search-quiet', { indexedDB: new IDBFactory(), IDBKeyRange });
    const store = storeAt(T0, quiet);
    await store.addTasks([{ title: 'One' }, { title: 'Two' }, { title: 'Three' }]);
    let finishRead = () => {};
    const reading = quiet.inForeground(() => new Promise<void>((r) => (finishRead = r)));
    let pauses = 0;
    const built = buildSearchIndex(quiet, { slice: 1, pause: async () => void (pauses += 1) });
    await new Promise((r) => setTimeout(r, 30));
    expect(pauses).toBe(0);
    expect(quiet.searchIndex?.lookup(['one'])).toBeNull();
    finishRead();
    await reading;
    await built;
    expect(pauses).toBe(3);
    quiet.close();
  });

  it('follows writes: a renamed, a new and a deleted task', async () => {
    const search = openTendDb('search-writes', { indexedDB: new IDBFactory(), IDBKeyRange });
    const store = storeAt(T0, search);
    const [kept, renamed, removed] = await store.addTasks([
      { title: 'Water the ferns' },
      { title: 'Call the plumber' },
      { title: 'Water the lawn' },
    ]);
    await buildSearchIndex(search, { slice: 2 });
    const titles = async (query: string) =>
      (await queryView(search, { kind: 'search', query }, { today: TODAY })).map((t) => t.title);
    expect(await titles('water')).toEqual(['Water the ferns', 'Water the lawn']);
    await store.updateTask(renamed.id, { title: 'Water the roses' });
    await store.deleteTask(removed.id);
    await store.addTask({ title: 'Watering can', notes: 'buy' });
    expect(await titles('water')).toEqual(['Water the ferns', 'Water the roses', 'Watering can']);
    expect(await titles('plumber')).toEqual([]);
    await store.completeTask(kept.id);
    expect(await titles('ferns')).toEqual(['Water the ferns']);
    // A cleared table (wipe) rebuilds the index from what is stored.
    await search.tasks.clear();
    await store.addTask({ title: 'Water again' });
    await new Promise((r) => setTimeout(r, 20));
    expect(await titles('water')).toEqual(['Water again']);
    search.close();
  });
});

describe('the first screen', () => {
  it('reads no completed task: counts and the first page come from open-task index ranges', async () => {
    const read: StoredTask[] = [];
    const counted = openTendDb('first-screen', { indexedDB: new IDBFactory(), IDBKeyRange });
    counted.use({
      stack: 'dbcore',
      name: 'readRows',
      create: (down) => ({
        ...down,
        table(name) {
          const table = down.table(name);
          return {
            ...table,
            async query(req) {
              const res = await table.query(req);
              if (name === 'tasks' && req.values) read.push(...(res.result as StoredTask[]));
              return res;
            },
            async getMany(req) {
              const res = await table.getMany(req);
              if (name === 'tasks') read.push(...(res as StoredTask[]).filter(Boolean));
              return res;
            },
          };
        },
      }),
    });
    const store = storeAt(T0, counted);
    await store.addTasks(randomTasks(600, mulberry32(7)).map((t) => ({ ...t, deletedAt: null })));
    read.length = 0;
    const PAGE = 20;
    await Promise.all([
      countNav(counted, TODAY),
      listProjects(counted),
      listLabels(counted),
      countSubtasks(counted, ['00000000-0000-4000-8000-000000000001']),
      queryViewPage(counted, { kind: 'inbox' }, { today: TODAY, limit: PAGE }),
    ]);
    expect(read.length).toBeGreaterThan(0);
    expect(read.length).toBeLessThanOrEqual(PAGE + 10);
    expect(read.filter((r) => r.status === 'done')).toEqual([]);
    // Completed reads its first page, newest first, and nothing older.
    read.length = 0;
    await queryViewPage(counted, { kind: 'completed' }, { today: TODAY, limit: PAGE });
    expect(read.length).toBe(PAGE);
    counted.close();
  });
});

describe('sub-task counts', () => {
  it('count under the parents asked for only', async () => {
    const sub = openTendDb('subtask-counts', { indexedDB: new IDBFactory(), IDBKeyRange });
    let seq = 0;
    const store = createTasksStore({
      db: sub,
      clock: createClock({ now: () => T0, nodeId: 'AAAAAAAAAAAAAAAA' }),
      now: () => T0,
      newId: () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`,
    });
    const [open, old] = await store.addTasks([{ title: 'Open parent' }, { title: 'Old parent' }]);
    const done = new Date(T0).toISOString();
    await store.addTasks([
      { title: 'a', parentId: open.id },
      { title: 'b', parentId: open.id, completedAt: done },
      { title: 'c', parentId: old.id, completedAt: done },
    ]);
    expect(await countSubtasks(sub, [open.id])).toEqual(
      new Map([[open.id, { done: 1, total: 2 }]]),
    );
    expect((await countSubtasks(sub)).get(old.id)).toEqual({ done: 1, total: 1 });
    sub.close();
  });
});

describe('live queries', () => {
  it('re-run when a write moves a task into or out of a view (index fields are visible to Dexie)', async () => {
    const live = openTendDb('live-test');
    const store = storeAt(T0, live);
    const seen: string[][] = [];
    const next = () =>
      new Promise<void>((resolve) => {
        const target = seen.length + 1;
        const poll = () => (seen.length >= target ? resolve() : setTimeout(poll, 5));
        poll();
      });
    const subscription = liveQuery(() =>
      queryView(live, { kind: 'inbox' }, { today: TODAY, limit: 20 }),
    ).subscribe((tasks) => seen.push(tasks.map((t) => t.title)));
    await next();
    const task = await store.addTask({ title: 'Captured' });
    await next();
    await store.updateTask(task.id, { project: 'Work' });
    await next();
    await store.updateTask(task.id, { project: null });
    await next();
    await store.completeTask(task.id);
    await next();
    subscription.unsubscribe();
    live.close();
    expect(seen).toEqual([[], ['Captured'], [], ['Captured'], []]);
  });
});
