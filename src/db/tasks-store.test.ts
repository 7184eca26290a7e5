import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { createClock, formatHlc } from '../core/hlc';
import { toTask } from '../core/merge';
import { projectIdForName } from '../core/project-id';
import type { Task } from '../core/task';
import { openTendDb } from './database';
import type { TendDb } from './database';
import { TaskNotFoundError, TaskValidationError } from './errors';
import type { InvalidParentError } from './errors';
import { createTasksStore } from './tasks-store';
import type { NextOccurrence, TasksStoreOptions } from './tasks-store';

const NODE = 'AAAAAAAAAAAAAAAA';
const T0 = Date.parse('2026-11-26T09:00:00.000Z');
let db: TendDb;

function setup(options: Partial<TasksStoreOptions> = {}) {
  db = openTendDb('store-test', { indexedDB: new IDBFactory(), IDBKeyRange });
  let time = T0;
  let seq = 0;
  const now = () => time;
  const clock = createClock({ now, nodeId: NODE });
  const store = createTasksStore({
    db,
    clock,
    now,
    today: () => '2026-11-26',
    newId: () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`,
    ...options,
  });
  return { store, clock, advance: (ms: number) => (time += ms) };
}

async function snapshot() {
  return { tasks: await db.tasks.toArray(), outbox: await db.outbox.toArray() };
}

afterEach(() => db?.close());

describe('tasks store: writes and their outbox entries', () => {
  it('adds a task, stores its record with clocks, and queues one mutation with every field', async () => {
    const { store, clock } = setup();
    const task = await store.addTask({ title: '  Buy milk ', labels: ['errand'] });
    expect(task.title).toBe('Buy milk');
    expect(task.order).toBe(1);
    const { tasks, outbox } = await snapshot();
    expect(tasks).toHaveLength(1);
    expect(tasks[0].clock.title).toBe(clock.last());
    expect(tasks[0].status).toBe('open');
    // The task, and the label record its new label name became (written first, so its stamp is older).
    expect(outbox).toHaveLength(2);
    const [label, write] = outbox;
    expect(label).toMatchObject({ kind: 'label', changes: { name: 'errand' } });
    expect(write).toMatchObject({ taskId: task.id, hlc: clock.last(), attempts: 0 });
    expect(write.changes).toMatchObject({
      title: 'Buy milk',
      labels: ['errand'],
      labelIds: [label.taskId],
      due: null,
    });
    expect((await db.meta.get('lastHlc'))?.value).toBe(clock.last());
    expect(await store.getTask(task.id)).toEqual(task);
  });

  it('appends new tasks after the last order', async () => {
    const { store } = setup();
    const [a, b] = await store.addTasks([{ title: 'a' }, { title: 'b' }]);
    const c = await store.addTask({ title: 'c' });
    const pinned = await store.addTask({ title: 'd', order: -5 });
    const unset = await store.addTask({ title: 'e', order: undefined, due: undefined });
    expect([a.order, b.order, c.order, pinned.order, unset.order]).toEqual([1, 2, 3, -5, 4]);
    expect(unset.due).toBeNull();
  });

  it('records only the changed fields of an update, under a fresh timestamp', async () => {
    const { store, advance } = setup();
    const task = await store.addTask({ title: 'Call mom' });
    advance(1000);
    const updated = await store.updateTask(task.id, { priority: 1, title: 'Call mom' });
    expect(updated.priority).toBe(1);
    expect(updated.updatedAt).toBe(new Date(T0 + 1000).toISOString());
    const { outbox } = await snapshot();
    expect(outbox).toHaveLength(2);
    const last = outbox.sort((x, y) => (x.hlc < y.hlc ? -1 : 1))[1];
    expect(last.changes).toEqual({ priority: 1 });
  });

  it('an edit that changes nothing writes nothing', async () => {
    const { store } = setup();
    const task = await store.addTask({ title: 'Same' });
    await store.updateTask(task.id, { title: 'Same', priority: 4, due: undefined });
    expect(await db.outbox.count()).toBe(1);
  });

  it('rejects invalid input with a readable typed error and leaves both tables untouched', async () => {
    const { store } = setup();
    const task = await store.addTask({ title: 'Valid' });
    const before = await snapshot();
    await expect(store.addTask({ title: '   ' })).rejects.toThrow(TaskValidationError);
    await expect(store.updateTask(task.id, { due: '2026-02-30' })).rejects.toMatchObject({
      code: 'invalid_task',
      message: 'due: Due is not a real calendar date',
    });
    await expect(
      store.updateTask(task.id, { title: 'ok', priority: 7 } as never),
    ).rejects.toMatchObject({ code: 'invalid_task', message: expect.stringContaining('priority') });
    await expect(store.updateTask(task.id, { colour: 'red' } as never)).rejects.toThrow(
      TaskValidationError,
    );
    expect(await snapshot()).toEqual(before);
  });

  it('writes the task and its outbox entry atomically: a failing outbox write rolls back the task', async () => {
    // newId hands out an id the outbox already holds, so the outbox insert fails after the task put.
    let n = 0;
    const { store } = setup({
      newId: () => (n++ < 2 ? `00000000-0000-4000-8000-00000000000${n}` : 'dup'),
    });
    const task = await store.addTask({ title: 'First' });
    await db.outbox.add({
      id: 'dup',
      taskId: 'x',
      hlc: 'x',
      changes: {},
      createdAt: 'x',
      attempts: 0,
    });
    const before = await snapshot();
    await expect(store.updateTask(task.id, { title: 'Second' })).rejects.toThrow();
    expect(await snapshot()).toEqual(before);
    expect((await store.getTask(task.id))?.title).toBe('First');
  });

  it('names a missing task', async () => {
    const { store } = setup();
    await expect(store.completeTask('nope')).rejects.toThrow(TaskNotFoundError);
    await expect(store.completeTask('nope')).rejects.toMatchObject({ code: 'task_not_found' });
  });
});

describe('tasks store: clock', () => {
  it('a local edit wins over a field written by a device whose clock runs ahead', async () => {
    const { store } = setup();
    const task = await store.addTask({ title: 'Mine' });
    const ahead = formatHlc({ millis: T0 + 3 * 3600_000, counter: 0, node: 'BBBBBBBBBBBBBBBB' });
    const record = (await db.tasks.get(task.id))!;
    await db.tasks.put({ ...record, title: 'Theirs', clock: { ...record.clock, title: ahead } });
    const edited = await store.updateTask(task.id, { title: 'Mine again' });
    expect(edited.title).toBe('Mine again');
    expect((await db.tasks.get(task.id))!.clock.title! > ahead).toBe(true);
  });

  it('catches up with timestamps another tab issued (same node id, separate clock)', async () => {
    const { store } = setup();
    const otherTab = formatHlc({ millis: T0 + 60_000, counter: 7, node: NODE });
    await db.meta.put({ key: 'lastHlc', value: otherTab });
    await store.addTask({ title: 'After the other tab' });
    const [entry] = await db.outbox.toArray();
    expect(entry.hlc > otherTab).toBe(true);
  });
});

describe('tasks store: complete, delete, restore', () => {
  it('completes and uncompletes', async () => {
    const { store, advance } = setup();
    const task = await store.addTask({ title: 'Done soon' });
    advance(5000);
    const done = await store.completeTask(task.id);
    expect(done.completedAt).toBe(new Date(T0 + 5000).toISOString());
    expect((await db.tasks.get(task.id))?.status).toBe('done');
    expect(await store.completeTask(task.id)).toEqual(done);
    const open = await store.uncompleteTask(task.id);
    expect(open.completedAt).toBeNull();
    expect(await db.outbox.count()).toBe(3);
  });

  it('moves a recurring task to its next occurrence instead of completing it', async () => {
    const calls: unknown[] = [];
    const nextOccurrence: NextOccurrence = (rrule, due, today) => {
      calls.push([rrule, due, today]);
      return '2026-11-27';
    };
    const { store } = setup({ nextOccurrence });
    const task = await store.addTask({
      title: 'Water plants',
      due: '2026-11-26',
      recurrence: 'FREQ=DAILY',
    });
    const next = await store.completeTask(task.id);
    expect(calls).toEqual([['FREQ=DAILY', '2026-11-26', '2026-11-26']]);
    expect(next.due).toBe('2026-11-27');
    expect(next.completedAt).toBeNull();
    const entries = await db.outbox.orderBy('hlc').toArray();
    expect(entries[1].changes).toEqual({ due: '2026-11-27' });
  });

  it('uses the recurrence rules of src/core/recurrence.ts by default', async () => {
    const { store } = setup();
    const task = await store.addTask({
      title: 'Standup',
      due: '2026-11-26T09:30',
      recurrence: 'FREQ=DAILY',
    });
    const next = await store.completeTask(task.id);
    expect(next).toMatchObject({ due: '2026-11-27T09:30', completedAt: null });
  });

  it('carries reminders to the next occurrence: absolute ones move with the due date', async () => {
    const { store } = setup();
    const reminders = [
      { id: '0193b5a0-0000-7000-8000-0000000000a1', at: '2026-11-26T08:00:00.000Z' },
      { id: '0193b5a0-0000-7000-8000-0000000000a2', before: 10 },
    ];
    const task = await store.addTask({
      title: 'Standup',
      due: '2026-11-26T09:30',
      recurrence: 'FREQ=DAILY',
      reminders,
    });
    const next = await store.completeTask(task.id);
    expect(next.due).toBe('2026-11-27T09:30');
    expect(next.reminders).toEqual([
      { id: '0193b5a0-0000-7000-8000-0000000000a1', at: '2026-11-27T08:00:00.000Z' },
      reminders[1],
    ]);
    const entries = await db.outbox.orderBy('hlc').toArray();
    expect(entries[1].changes).toEqual({ due: '2026-11-27T09:30', reminders: next.reminders });
  });

  it('completes a recurring task whose rule has ended', async () => {
    const { store } = setup({ nextOccurrence: () => null });
    const task = await store.addTask({
      title: 'Last one',
      due: '2026-11-26',
      recurrence: 'FREQ=DAILY;COUNT=1',
    });
    expect((await store.completeTask(task.id)).completedAt).not.toBeNull();
  });

  it('soft-deletes and restores; an edit after delete does not resurrect', async () => {
    const { store } = setup();
    const task = await store.addTask({ title: 'Oops' });
    const deleted = await store.deleteTask(task.id);
    expect(deleted.deletedAt).not.toBeNull();
    expect((await db.tasks.get(task.id))?.status).toBe('deleted');
    expect(await store.deleteTask(task.id)).toEqual(deleted);
    const edited = await store.updateTask(task.id, { title: 'Still deleted' });
    expect(edited.deletedAt).toBe(deleted.deletedAt);
    const restored = await store.restoreTask(task.id);
    expect(restored.deletedAt).toBeNull();
    expect(restored.title).toBe('Still deleted');
    expect((await db.tasks.get(task.id))?.status).toBe('open');
  });
});

describe('tasks store: reorder', () => {
  async function three() {
    const ctx = setup();
    const tasks = await ctx.store.addTasks([{ title: 'a' }, { title: 'b' }, { title: 'c' }]);
    return { ...ctx, tasks };
  }

  it('places a task between its new neighbours with one write of `order`', async () => {
    const { store, tasks } = await three();
    const [a, b, c] = tasks;
    const moved = await store.reorderTask(c.id, a.id, b.id);
    expect(moved.order).toBeGreaterThan(a.order);
    expect(moved.order).toBeLessThan(b.order);
    const last = (await db.outbox.orderBy('hlc').last())!;
    expect(last.changes).toEqual({ order: moved.order });
  });

  it('moves to the top and to the bottom', async () => {
    const { store, tasks } = await three();
    const [a, b, c] = tasks;
    expect((await store.reorderTask(c.id, null, a.id)).order).toBeLessThan(a.order);
    expect((await store.reorderTask(a.id, b.id, null)).order).toBeGreaterThan(b.order);
  });

  it('makes room when the neighbours share an order', async () => {
    const { store } = setup();
    const [a, b, c] = await store.addTasks([
      { title: 'a', order: 1 },
      { title: 'b', order: 1 },
      { title: 'c', order: 9 },
    ]);
    const moved = await store.reorderTask(c.id, a.id, b.id);
    const below = (await store.getTask(b.id)) as Task;
    expect(a.order).toBeLessThan(moved.order);
    expect(moved.order).toBeLessThan(below.order);
  });

  it('rejects an unknown neighbour without writing', async () => {
    const { store, tasks } = await three();
    const before = await snapshot();
    await expect(store.reorderTask(tasks[0].id, 'ghost', null)).rejects.toThrow(TaskNotFoundError);
    expect(await snapshot()).toEqual(before);
  });
});

describe('tasks store: bulk actions', () => {
  it('completes, moves, deletes and restores many tasks, one outbox entry each', async () => {
    const { store } = setup();
    const tasks = await store.addTasks([{ title: 'a' }, { title: 'b' }, { title: 'c' }]);
    const ids = tasks.map((t) => t.id);
    const moved = await store.bulkMove([...ids, ids[0]], 'Work');
    expect(moved.map((t) => t.project)).toEqual(['Work', 'Work', 'Work']);
    // Three creates, three moves, and the project "Work" the first move made.
    expect(await db.outbox.count()).toBe(7);
    const done = await store.bulkComplete(ids.slice(0, 2));
    expect(done.every((t) => t.completedAt !== null)).toBe(true);
    const deleted = await store.bulkDelete(ids);
    expect(deleted.every((t) => t.deletedAt !== null)).toBe(true);
    const restored = await store.bulkRestore(ids);
    expect(restored.every((t) => t.deletedAt === null)).toBe(true);
    expect(await db.outbox.count()).toBe(15);
    // Stored by id: the tasks point at the project record, not at its name.
    const records = await db.tasks.toArray();
    const work = projectIdForName('Work');
    expect(records.map((r) => [toTask(r)?.project, toTask(r)?.projectId])).toEqual(
      ids.map(() => [null, work]),
    );
  });

  it('changes nothing when one of the ids is unknown or the change is invalid', async () => {
    const { store } = setup();
    const tasks = await store.addTasks([{ title: 'a' }, { title: 'b' }]);
    const before = await snapshot();
    await expect(store.bulkComplete([tasks[0].id, 'ghost'])).rejects.toThrow(TaskNotFoundError);
    await expect(
      store.bulkMove(
        tasks.map((t) => t.id),
        ' ',
      ),
    ).rejects.toThrow(TaskValidationError);
    expect(await snapshot()).toEqual(before);
  });
});

describe('tasks store: sub-tasks', () => {
  it('adds sub-tasks and moves them, refusing cycles, depth past 4 and missing parents', async () => {
    const { store } = setup();
    const a = await store.addTask({ title: 'a' });
    const b = await store.addTask({ title: 'b', parentId: a.id });
    const c = await store.addTask({ title: 'c', parentId: b.id });
    const d = await store.addTask({ title: 'd', parentId: c.id });
    expect(d.parentId).toBe(c.id);
    const before = await snapshot();
    const problem = (work: Promise<unknown>) =>
      work.then(
        () => null,
        (error: InvalidParentError) => error.problem,
      );
    expect(await problem(store.updateTask(a.id, { parentId: d.id }))).toBe('cycle');
    expect(await problem(store.updateTask(a.id, { parentId: a.id }))).toBe('self');
    expect(await problem(store.addTask({ title: 'e', parentId: d.id }))).toBe('too_deep');
    expect(
      await problem(
        store.addTask({ title: 'f', parentId: '00000000-0000-4000-8000-00000000ffff' }),
      ),
    ).toBe('missing');
    await store.deleteTask(a.id);
    expect(await problem(store.addTask({ title: 'g', parentId: a.id }))).toBe('missing');
    await store.restoreTask(a.id);
    expect((await snapshot()).outbox).toHaveLength(before.outbox.length + 2);
    // A batch may create a parent and its sub-tasks together (imports).
    const [p, q] = await store.addTasks([
      { id: '00000000-0000-4000-8000-0000000000aa', title: 'p' },
      { title: 'q', parentId: '00000000-0000-4000-8000-0000000000aa' },
    ]);
    expect(q.parentId).toBe(p.id);
    expect((await store.updateTask(d.id, { parentId: null })).parentId).toBeNull();
  });
});
