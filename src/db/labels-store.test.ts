import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { createClock } from '../core/hlc';
import { labelIdForName } from '../core/label';
import { LEGACY_NODE } from '../core/name-id';
import { applyMutation } from '../core/merge';
import { META_KEYS, openTendDb } from './database';
import type { TendDb } from './database';
import { LabelValidationError } from './errors';
import { createLabelsStore } from './labels-store';
import { listLabelSummaries, queryTask, queryView } from './queries';
import { createTasksStore } from './tasks-store';
import { exportTasks, importJson } from './testing';

const NODE = 'AAAAAAAAAAAAAAAA';
const T0 = Date.parse('2026-11-26T09:00:00.000Z');
const today = '2026-11-26';
let db: TendDb;

function setup(factory = new IDBFactory(), name = 'labels-test') {
  db = openTendDb(name, { indexedDB: factory, IDBKeyRange });
  let time = T0;
  let seq = 0;
  const now = () => time;
  const clock = createClock({ now, nodeId: NODE });
  const newId = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
  return {
    clock,
    tasks: createTasksStore({ db, clock, now, newId, today: () => today }),
    labels: createLabelsStore({ db, clock, now, newId }),
    advance: (ms: number) => (time += ms),
  };
}

afterEach(() => db?.close());

const labelled = async (name: string) =>
  (await queryView(db, { kind: 'label', label: name }, { today })).map((t) => t.title);

describe('labels store', () => {
  it('files tasks under one record per name, and a rename is one write that touches no task', async () => {
    const { tasks, labels, advance } = setup();
    const a = await tasks.addTask({ title: 'stamps', labels: ['errands'] });
    await tasks.addTask({ title: 'milk', labels: ['Errands', 'home'] });
    const [errands] = (await listLabelSummaries(db)).filter((l) => l.name === 'errands');
    expect(errands).toMatchObject({ id: labelIdForName('errands'), count: 2, colour: 'grey' });
    expect(await labelled('ERRANDS')).toEqual(['stamps', 'milk']);

    advance(1000);
    const outbox = await db.outbox.count();
    const taskClocks = (await db.tasks.toArray()).map((t) => t.clock);
    await labels.updateLabel(errands.id, { name: 'shopping', colour: 'teal' });
    expect(await db.outbox.count()).toBe(outbox + 1);
    expect((await db.tasks.toArray()).map((t) => t.clock)).toEqual(taskClocks);
    // Every view shows the new name: the label view, the task, filters and the summaries.
    expect(await labelled('shopping')).toEqual(['stamps', 'milk']);
    expect(await labelled('errands')).toEqual([]);
    expect((await queryTask(db, a.id))?.labels).toEqual(['shopping']);
    const search = await queryView(db, { kind: 'search', query: '@shopping' }, { today });
    expect(search.map((t) => t.title)).toEqual(['stamps', 'milk']);
    expect((await listLabelSummaries(db)).map((l) => [l.name, l.colour, l.count])).toEqual([
      ['home', 'grey', 1],
      ['shopping', 'teal', 2],
    ]);
    // A new `@errands` is a new label: the renamed one keeps its id, the new one gets another.
    const b = await tasks.addTask({ title: 'bread', labels: ['errands'] });
    expect((await db.tasks.get(b.id))?.labelIds).toEqual([expect.not.stringMatching(errands.id)]);
    expect(await labelled('errands')).toEqual(['bread']);
    // `@Shopping` now files under the renamed label.
    const c = await tasks.addTask({ title: 'tea', labels: ['Shopping'] });
    expect((await db.tasks.get(c.id))?.labelIds).toEqual([errands.id]);
  });

  it('deletes a label from its tasks in one step, and one Undo puts it back on exactly those', async () => {
    const { tasks, labels, advance } = setup();
    const a = await tasks.addTask({ title: 'stamps', labels: ['errands', 'home'] });
    const b = await tasks.addTask({ title: 'milk', labels: ['errands'] });
    await tasks.completeTask(b.id);
    const id = labelIdForName('errands');
    advance(1000);
    const deleted = await labels.deleteLabel(id);
    expect(deleted.tasks.map((t) => t.id).sort()).toEqual([a.id, b.id].sort());
    expect((await queryTask(db, a.id))?.labels).toEqual(['home']);
    expect((await db.tasks.get(b.id))?.labels).toEqual([]);
    expect((await listLabelSummaries(db)).map((l) => l.name)).toEqual(['home']);
    advance(1000);
    await labels.restoreLabel(deleted);
    expect((await queryTask(db, a.id))?.labels).toEqual(['errands', 'home']);
    expect((await queryTask(db, b.id))?.labels).toEqual(['errands']);
    expect(await labelled('errands')).toEqual(['stamps']);
  });

  it('refuses an invalid name with a code the UI turns into words', async () => {
    const { tasks, labels } = setup();
    await tasks.addTask({ title: 'x', labels: ['home'] });
    await expect(labels.updateLabel(labelIdForName('home'), { name: '  ' })).rejects.toThrow(
      LabelValidationError,
    );
  });

  it('exports labels and imports them elsewhere with the names they have now', async () => {
    const { tasks, labels, advance, clock } = setup();
    const task = await tasks.addTask({ title: 'stamps', labels: ['errands'] });
    advance(1000);
    await labels.updateLabel(labelIdForName('errands'), { name: 'shopping' });
    const file = await exportTasks(db, T0 + 2000);
    expect(file.labels?.map((l) => l.name)).toEqual(['shopping']);
    db.close();
    setup(new IDBFactory(), 'labels-import');
    await importJson(db, JSON.stringify(file), { clock, pause: async () => {} });
    expect((await queryTask(db, task.id))?.labels).toEqual(['shopping']);
  });
});

describe('the version 11 upgrade', () => {
  it('makes a record of each legacy label name, queues it, keys the label index by id and forgets the pull cursor', async () => {
    const factory = new IDBFactory();
    const old = new Dexie('labels-test', { indexedDB: factory, IDBKeyRange });
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
    const legacy = (n: number, labels: string[]) =>
      applyMutation(undefined, {
        id: `m${n}`,
        taskId: `0193b5a0-0000-7000-8000-00000000000${n}`,
        hlc: `2026-11-2${n}T09:00:00.000Z-0000-${NODE}`,
        changes: { title: `task ${n}`, labels, order: n },
      }).record;
    await old.table('tasks').bulkPut(
      [legacy(1, ['Errands']), legacy(2, ['errands', 'home']), legacy(3, [])].map((r) => ({
        ...r,
        status: 'open',
        projectKey: '',
        openLabels: r.labels,
      })),
    );
    await old.table('meta').put({ key: META_KEYS.syncCursor, value: '42' });
    old.close();

    setup(factory);
    const [errands, home] = [labelIdForName('errands'), labelIdForName('home')];
    expect(await db.labels.toArray()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: errands, name: 'Errands', colour: 'grey' }),
        expect.objectContaining({ id: home, name: 'home' }),
      ]),
    );
    expect((await db.outbox.toArray()).map((e) => [e.kind, e.taskId, e.hlc]).sort()).toEqual(
      [
        ['label', errands, `2026-11-21T09:00:00.000Z-0000-${LEGACY_NODE}`],
        ['label', home, `2026-11-22T09:00:00.000Z-0000-${LEGACY_NODE}`],
      ].sort(),
    );
    expect((await db.tasks.toArray()).map((t) => t.openLabels)).toEqual([
      [errands],
      [errands, home],
      [],
    ]);
    expect(await labelled('errands')).toEqual(['task 1', 'task 2']);
    expect(await db.meta.get(META_KEYS.syncCursor)).toBeUndefined();
  });
});
