import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
// liveQuery only observes a database opened on the global indexedDB, so this file installs the fake one.
import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClock, formatHlc } from '../core/hlc';
import { applyMutation } from '../core/merge';
import type { Task } from '../core/task';
import { addDays } from '../core/calendar';
import { countForNav, countNames, groupForView, isOpen, selectView } from '../core/views';
import type { ViewSpec } from '../core/views';
import { openTendDb } from './database';
import type { TendDb } from './database';
import {
  countNav,
  listLabels,
  listProjects,
  queryTrash,
  queryView,
  queryViewGroups,
} from './queries';
import { createTasksStore } from './tasks-store';
import type { NewTaskFields } from './tasks-store';

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

function randomTasks(count: number, random: () => number): NewTaskFields[] {
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
    expect(await queryViewGroups(db, view, { today: TODAY })).toEqual(
      groupForView(view, expected, TODAY),
    );
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

describe('live queries', () => {
  it('re-run when a write moves a task into or out of a view (index fields are visible to Dexie)', async () => {
    const live = openTendDb('live-test');
    const store = createTasksStore({
      db: live,
      clock: createClock({ now: () => T0, nodeId: 'AAAAAAAAAAAAAAAA' }),
      now: () => T0,
    });
    const seen: string[][] = [];
    const next = () =>
      new Promise<void>((resolve) => {
        const target = seen.length + 1;
        const poll = () => (seen.length >= target ? resolve() : setTimeout(poll, 5));
        poll();
      });
    const subscription = liveQuery(() =>
      queryView(live, { kind: 'inbox' }, { today: TODAY }),
    ).subscribe((tasks) => seen.push(tasks.map((t) => t.title)));
    await next();
    const task = await store.addTask({ title: 'Captured' });
    await next();
    await store.updateTask(task.id, { project: 'Work' });
    await next();
    subscription.unsubscribe();
    live.close();
    expect(seen).toEqual([[], ['Captured'], []]);
  });
});
