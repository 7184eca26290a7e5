import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { createClock } from '../core/hlc';
import { toWire } from '../sync/outbox';
import { META_KEYS, openTendDb } from './database';
import type { TendDb } from './database';
import { ProjectNotFoundError, SectionNotFoundError, SectionValidationError } from './errors';
import { createSectionsStore } from './sections-store';
import { listProjectSections } from './queries';
import { createTasksStore } from './tasks-store';

const NODE = 'AAAAAAAAAAAAAAAA';
const T0 = Date.parse('2026-11-26T09:00:00.000Z');
let db: TendDb;

function setup(factory = new IDBFactory()) {
  db = openTendDb('sections-test', { indexedDB: factory, IDBKeyRange });
  let time = T0;
  let seq = 0;
  const now = () => time;
  const clock = createClock({ now, nodeId: NODE });
  const newId = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
  return {
    tasks: createTasksStore({ db, clock, now, newId, today: () => '2026-11-26' }),
    sections: createSectionsStore({ db, clock, now, newId }),
    advance: (ms: number) => (time += ms),
  };
}

afterEach(() => db?.close());

/** A project made the way quick add makes one: by filing a task in it. */
async function projectWith(tasks: ReturnType<typeof setup>['tasks'], name: string) {
  const task = await tasks.addTask({ title: `first in ${name}`, project: name });
  return task.projectId!;
}

const names = async (projectId: string) =>
  (await listProjectSections(db, projectId)).map((s) => s.name);

describe('sections store', () => {
  it('adds sections at the end of their project, each one queued as a section write', async () => {
    const { tasks, sections } = setup();
    const home = await projectWith(tasks, 'Home');
    const work = await projectWith(tasks, 'Work');
    const before = await db.outbox.count();
    const shopping = await sections.addSection({ projectId: home, name: ' Shopping ' });
    const garden = await sections.addSection({ projectId: home, name: 'Garden' });
    await sections.addSection({ projectId: work, name: 'Meetings' });
    expect([shopping.name, shopping.order, garden.order]).toEqual(['Shopping', 1, 2]);
    expect(await names(home)).toEqual(['Shopping', 'Garden']);
    expect(await names(work)).toEqual(['Meetings']);
    const queued = (await db.outbox.orderBy('hlc').toArray()).slice(before);
    expect(queued.map((e) => [e.kind, e.taskId])).toEqual([
      ['section', shopping.id],
      ['section', garden.id],
      ['section', expect.any(String)],
    ]);
    // The wire carries the kind, so the server merges it as a section, not as a task.
    expect(toWire(queued[0])).toEqual({
      id: queued[0].id,
      taskId: shopping.id,
      hlc: queued[0].hlc,
      changes: { projectId: home, name: 'Shopping', order: 1, deletedAt: null },
      kind: 'section',
    });
  });

  it('renames and reorders with one write to the section and none to its tasks', async () => {
    const { tasks, sections, advance } = setup();
    const home = await projectWith(tasks, 'Home');
    const a = await sections.addSection({ projectId: home, name: 'A' });
    const b = await sections.addSection({ projectId: home, name: 'B' });
    const task = await tasks.addTask({ title: 'Paint', project: 'Home', sectionId: a.id });
    const storedTask = await db.tasks.get(task.id);
    advance(1000);
    const before = await db.outbox.count();
    await sections.updateSection(a.id, { name: 'Paint and walls', order: 3 });
    const queued = (await db.outbox.orderBy('hlc').toArray()).slice(before);
    expect(queued).toEqual([
      expect.objectContaining({
        kind: 'section',
        taskId: a.id,
        changes: { name: 'Paint and walls', order: 3 },
      }),
    ]);
    expect(await db.tasks.get(task.id)).toEqual(storedTask);
    expect(await names(home)).toEqual(['B', 'Paint and walls']);
    expect(b.order).toBe(2);
  });

  it('refuses a bad name, an unknown section and a section in a project that does not exist', async () => {
    const { tasks, sections } = setup();
    const home = await projectWith(tasks, 'Home');
    const a = await sections.addSection({ projectId: home, name: 'A' });
    const outbox = await db.outbox.count();
    await expect(sections.updateSection(a.id, { name: '  ' })).rejects.toBeInstanceOf(
      SectionValidationError,
    );
    await expect(
      sections.addSection({ projectId: home, name: 'x'.repeat(101) }),
    ).rejects.toBeInstanceOf(SectionValidationError);
    await expect(
      sections.updateSection('00000000-0000-4000-8000-999999999999', { name: 'B' }),
    ).rejects.toBeInstanceOf(SectionNotFoundError);
    await expect(
      sections.addSection({ projectId: '00000000-0000-4000-8000-999999999998', name: 'B' }),
    ).rejects.toBeInstanceOf(ProjectNotFoundError);
    expect(await db.outbox.count()).toBe(outbox);
    expect(await names(home)).toEqual(['A']);
  });

  it('deletes a section with its tasks, and one Undo brings exactly those back', async () => {
    const { tasks, sections, advance } = setup();
    const home = await projectWith(tasks, 'Home');
    const shopping = await sections.addSection({ projectId: home, name: 'Shopping' });
    const paint = await tasks.addTask({ title: 'Paint', project: 'Home', sectionId: shopping.id });
    const nails = await tasks.addTask({ title: 'Nails', project: 'Home', sectionId: shopping.id });
    await tasks.addTask({ title: 'Loose', project: 'Home' });
    const gone = await tasks.addTask({ title: 'Gone', project: 'Home', sectionId: shopping.id });
    await tasks.deleteTask(gone.id);
    advance(1000);

    const deleted = await sections.deleteSection(shopping.id);
    expect(deleted).toEqual({ sectionId: shopping.id, taskIds: [paint.id, nails.id].sort() });
    expect(await names(home)).toEqual([]);
    const deletedIds = (await db.tasks.toArray()).filter((t) => t.deletedAt).map((t) => t.id);
    expect(deletedIds.sort()).toEqual([paint.id, nails.id, gone.id].sort());

    advance(1000);
    await sections.restoreSection(deleted);
    expect(await names(home)).toEqual(['Shopping']);
    const live = (await db.tasks.toArray()).filter((t) => !t.deletedAt).map((t) => t.title);
    // The task deleted before the section stays deleted: the Undo is of that one action only.
    expect(live.sort()).toEqual(['Loose', 'Nails', 'Paint', 'first in Home']);
  });

  it('moves a task between sections with one write of its section id', async () => {
    const { tasks, sections } = setup();
    const home = await projectWith(tasks, 'Home');
    const a = await sections.addSection({ projectId: home, name: 'A' });
    const b = await sections.addSection({ projectId: home, name: 'B' });
    const task = await tasks.addTask({ title: 'Paint', project: 'Home', sectionId: a.id });
    const before = await db.outbox.count();
    const moved = await tasks.updateTask(task.id, { sectionId: b.id });
    expect(moved.sectionId).toBe(b.id);
    expect((await db.outbox.orderBy('hlc').toArray()).slice(before)).toEqual([
      expect.objectContaining({ taskId: task.id, changes: { sectionId: b.id } }),
    ]);
  });
});

describe('the version 9 upgrade', () => {
  it('adds the sections table and forgets the pull cursor, so the next pull brings every section', async () => {
    const factory = new IDBFactory();
    // A version 8 page: it pulled (skipping sections) and stored its cursor.
    const old = new Dexie('sections-test', { indexedDB: factory, IDBKeyRange });
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
      { key: META_KEYS.syncCursor, value: '42' },
      { key: META_KEYS.nodeId, value: NODE },
      { key: META_KEYS.syncUserId, value: 'user-1' },
    ]);
    old.close();

    setup(factory);
    await db.open();
    // Opened at the newest version, which runs the version 9 upgrade on the way.
    expect(db.verno).toBeGreaterThanOrEqual(9);
    expect(db.sections.schema.indexes.map((i) => i.name)).toEqual(['projectId']);
    expect(await db.meta.get(META_KEYS.syncCursor)).toBeUndefined();
    // Only the cursor goes: the device stays the same device of the same account.
    expect((await db.meta.get(META_KEYS.nodeId))?.value).toBe(NODE);
    expect((await db.meta.get(META_KEYS.syncUserId))?.value).toBe('user-1');
  });
});
