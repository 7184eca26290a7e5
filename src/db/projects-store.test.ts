import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { createClock } from '../core/hlc';
import { applyMutation } from '../core/merge';
import { projectIdForName } from '../core/project';
import { LEGACY_NODE } from '../core/name-id';
import { openTendDb } from './database';
import type { TendDb } from './database';
import { InvalidProjectParentError, ProjectValidationError } from './errors';
import { createProjectsStore } from './projects-store';
import { listProjectSummaries, queryTask, queryView } from './queries';
import { createTasksStore } from './tasks-store';

const NODE = 'AAAAAAAAAAAAAAAA';
const T0 = Date.parse('2026-11-26T09:00:00.000Z');
const today = '2026-11-26';
let db: TendDb;

function setup(factory = new IDBFactory()) {
  db = openTendDb('projects-test', { indexedDB: factory, IDBKeyRange });
  let time = T0;
  let seq = 0;
  const now = () => time;
  const clock = createClock({ now, nodeId: NODE });
  const newId = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
  return {
    tasks: createTasksStore({ db, clock, now, newId, today: () => today }),
    projects: createProjectsStore({ db, clock, now, newId }),
    advance: (ms: number) => (time += ms),
  };
}

afterEach(() => db?.close());

const inProject = async (name: string) =>
  (await queryView(db, { kind: 'project', project: name }, { today })).map((t) => t.title);

describe('projects store', () => {
  it('files a task by project name into one record, and a rename is one write that moves no task', async () => {
    const { tasks, projects, advance } = setup();
    const a = await tasks.addTask({ title: 'Paint hall', project: 'Home Renovation' });
    const b = await tasks.addTask({ title: 'Sand floor', project: 'home renovation' });
    const id = projectIdForName('Home Renovation');
    // Both point at one record, and the store answers with its name (the first spelling written).
    expect([a.projectId, b.projectId, b.project]).toEqual([id, id, 'Home Renovation']);
    expect((await db.tasks.get(b.id))?.project).toBeNull();
    expect(await db.projects.count()).toBe(1);
    expect(await inProject('Home Renovation')).toEqual(['Paint hall', 'Sand floor']);

    advance(1000);
    const before = await db.outbox.count();
    const tasksBefore = await db.tasks.toArray();
    await projects.updateProject(id, { name: 'House', colour: 'teal' });
    const queued = (await db.outbox.orderBy('hlc').toArray()).slice(before);
    expect(queued).toEqual([
      expect.objectContaining({
        kind: 'project',
        taskId: id,
        changes: { name: 'House', colour: 'teal' },
      }),
    ]);
    expect(await db.tasks.toArray()).toEqual(tasksBefore);
    expect(await inProject('House')).toEqual(['Paint hall', 'Sand floor']);
    expect(await inProject('Home Renovation')).toEqual([]);
    expect((await queryTask(db, a.id))?.project).toBe('House');
    // Searching by the new name finds them: filters read the current name.
    const found = await queryView(db, { kind: 'search', query: '#House' }, { today });
    expect(found.map((t) => t.title).sort()).toEqual(['Paint hall', 'Sand floor']);
  });

  it('adds, orders, recolours and archives projects for the sidebar', async () => {
    const { projects } = setup();
    const work = await projects.addProject({ name: 'Work' });
    const home = await projects.addProject({ name: 'Home', colour: 'green' });
    expect((await listProjectSummaries(db)).map((p) => p.name)).toEqual(['Work', 'Home']);
    await projects.updateProject(home.id, { order: 0 });
    await projects.updateProject(work.id, { archived: true });
    expect(
      (await listProjectSummaries(db)).map((p) => [p.name, p.colour, p.archived, p.count]),
    ).toEqual([
      ['Home', 'green', false, 0],
      ['Work', 'grey', true, 0],
    ]);
  });

  it('deletes a project with its tasks in one write, and one Undo brings back exactly those', async () => {
    const { tasks, projects } = setup();
    const work = await projects.addProject({ name: 'Work' });
    const kept = await tasks.addTask({ title: 'Already deleted', project: 'Work' });
    await tasks.deleteTask(kept.id);
    const open = await tasks.addTask({ title: 'Report', project: 'Work' });
    const done = await tasks.addTask({ title: 'Slides', project: 'Work' });
    await tasks.completeTask(done.id);
    const other = await tasks.addTask({ title: 'Elsewhere' });

    const deleted = await projects.deleteProject(work.id);
    expect(deleted.taskIds.sort()).toEqual([open.id, done.id].sort());
    expect((await listProjectSummaries(db)).map((p) => p.name)).toEqual([]);
    expect((await tasks.getTask(open.id))?.deletedAt).not.toBeNull();
    expect((await tasks.getTask(other.id))?.deletedAt).toBeNull();

    await projects.restoreProject(deleted);
    expect(await inProject('Work')).toEqual(['Report']);
    expect((await tasks.getTask(done.id))?.completedAt).not.toBeNull();
    expect((await tasks.getTask(kept.id))?.deletedAt).not.toBeNull();
  });

  it('shows a task moved into a project deleted elsewhere in the Inbox', async () => {
    const { tasks, projects } = setup();
    const work = await projects.addProject({ name: 'Work' });
    const task = await tasks.addTask({ title: 'Stray' });
    // Another device deleted the project before this move arrived there: the move still lands.
    await db.projects.put({
      ...(await db.projects.get(work.id))!,
      deletedAt: '2026-11-26T10:00:00.000Z',
    });
    await tasks.updateTask(task.id, { projectId: work.id });
    const inbox = await queryView(db, { kind: 'inbox' }, { today });
    expect(inbox.map((t) => [t.title, t.project])).toEqual([['Stray', null]]);
  });

  it('refuses hostile names and parent cycles, changing nothing', async () => {
    const { projects } = setup();
    for (const name of ['', 'a\u0000b', 'lone \ud800', 'x'.repeat(101)])
      await expect(projects.addProject({ name })).rejects.toBeInstanceOf(ProjectValidationError);
    const a = await projects.addProject({ name: 'A' });
    const b = await projects.addProject({ name: 'B', parentId: a.id });
    const outbox = await db.outbox.count();
    await expect(projects.updateProject(a.id, { parentId: b.id })).rejects.toBeInstanceOf(
      InvalidProjectParentError,
    );
    await expect(projects.updateProject(a.id, { name: ' ' })).rejects.toBeInstanceOf(
      ProjectValidationError,
    );
    expect(await db.outbox.count()).toBe(outbox);
    expect((await db.projects.get(a.id))?.parentId).toBeNull();
  });
});

describe('the version 8 upgrade', () => {
  it('makes a record of each legacy project name, queues it, and keys the tasks by project id', async () => {
    const factory = new IDBFactory();
    const old = new Dexie('projects-test', { indexedDB: factory, IDBKeyRange });
    old.version(5).stores({
      tasks:
        'id, [status+projectKey], [status+due], [status+completedAt], *openLabels, *labels, order, updatedAt, parentId',
      outbox: 'id, hlc, taskId, rejected.at',
      meta: 'key',
      conflicts: '++seq, taskId, at',
      aiCache: 'key, at',
      filters: 'id, order',
    });
    const legacy = (n: number, project: string | null) =>
      applyMutation(undefined, {
        id: `m${n}`,
        taskId: `0193b5a0-0000-7000-8000-00000000000${n}`,
        hlc: `2026-11-2${n}T09:00:00.000Z-0000-${NODE}`,
        changes: { title: `task ${n}`, project, labels: [], order: n },
      }).record;
    await old.table('tasks').bulkPut(
      [legacy(1, 'Work'), legacy(2, 'work'), legacy(3, null)].map((r) => ({
        ...r,
        status: 'open',
        projectKey: r.project ?? '',
        openLabels: [],
      })),
    );
    old.close();

    setup(factory);
    const work = projectIdForName('Work');
    expect(await db.projects.toArray()).toEqual([
      expect.objectContaining({ id: work, name: 'Work', colour: 'grey', archived: false }),
    ]);
    expect(await db.outbox.toArray()).toEqual([
      expect.objectContaining({
        kind: 'project',
        taskId: work,
        hlc: `2026-11-21T09:00:00.000Z-0000-${LEGACY_NODE}`,
      }),
    ]);
    expect((await db.tasks.toArray()).map((t) => t.projectKey)).toEqual([work, work, '']);
    expect(await inProject('work')).toEqual(['task 1', 'task 2']);
  });
});
