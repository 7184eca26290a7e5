import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { createClock } from '../core/hlc';
import { openTendDb } from './database';
import type { TendDb } from './database';
import { deleteFilter, listFiltersWithCounts, saveFilter } from './filters';
import { createTasksStore } from './tasks-store';

let db: TendDb;
afterEach(() => db?.close());

describe('saved filters', () => {
  it('are kept in order, counted against today, and deleted', async () => {
    db = openTendDb('filters-test', { indexedDB: new IDBFactory(), IDBKeyRange });
    const now = () => Date.parse('2026-11-26T09:00:00.000Z');
    const store = createTasksStore({
      db,
      clock: createClock({ now, nodeId: 'AAAAAAAAAAAAAAAA' }),
      now,
    });
    await store.addTask({ title: 'Report', project: 'Work', priority: 1 });
    await store.addTask({ title: 'Slides', project: 'Work', due: '2026-11-26' });
    const done = await store.addTask({ title: 'Old', project: 'Work', priority: 1 });
    await store.completeTask(done.id);
    let n = 0;
    const id = () => `f${++n}`;
    await saveFilter(db, { name: ' Urgent work ', query: '#Work & p1' }, id);
    await saveFilter(db, { name: 'Today', query: 'today | overdue' }, id);
    const saved = await listFiltersWithCounts(db, '2026-11-26');
    expect(saved.map((f) => [f.name, f.order, f.count])).toEqual([
      ['Urgent work', 1, 1],
      ['Today', 2, 1],
    ]);
    await deleteFilter(db, 'f1');
    expect((await listFiltersWithCounts(db, '2026-11-26')).map((f) => f.id)).toEqual(['f2']);
  });
});
