import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClientApp } from '../../sync-server/test/client-app';
import type { ClientApp } from '../../sync-server/test/client-app';
import type { TestUser } from '../../sync-server/test/harness';
import { createClock } from '../core/hlc';
import { toTask } from '../core/merge';
import { clearArchive, listArchived } from '../db/archive';
import { META_KEYS, openTendDb, pruneConflicts, setMeta } from '../db/database';
import { TaskArchivedError } from '../db/errors';
import type { TendDb } from '../db/database';
import { projectIdForName } from '../core/project-id';
import { createCommentsStore, listComments } from '../db/comments-store';
import { createProjectsStore } from '../db/projects-store';
import { createLabelsStore } from '../db/labels-store';
import { labelIdForName } from '../core/label';
import { createSectionsStore } from '../db/sections-store';
import { listProjectSections, queryTask } from '../db/queries';
import { toTaskRecord } from '../db/task-index';
import { createTasksStore } from '../db/tasks-store';
import { readConflicts, restoreConflict } from './conflicts';
import { getCursor, pullChanges } from './pull';
import type { PullProgress } from './pull';
import { replayOutbox } from './replay-outbox';

/** The journal as the history panel shows it: entries past their 14 days dropped, then the task's read. */
async function listConflicts(db: TendDb, taskId: string, now: number) {
  await pruneConflicts(db, now);
  return readConflicts(db, taskId);
}

let server: ClientApp;
/** A fresh account per test, shared by that test's devices. */
let user: TestUser;
const dbs: TendDb[] = [];
let n = 0;
const T0 = Date.parse('2026-11-26T09:00:00.000Z');
const HOUR = 3_600_000;

beforeAll(async () => {
  server = await createClientApp('pull');
});
afterAll(() => server.close());
beforeEach(async () => {
  user = await server.createUser();
});
afterEach(() => {
  dbs.splice(0).forEach((db) => db.close());
});

/** A device: its own database, clock (possibly skewed) and store, talking to the same server. */
function device(node: string, offsetMs = 0) {
  const db = openTendDb(`pull-${++n}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  dbs.push(db);
  let time = T0 + offsetMs;
  const now = () => time;
  const clock = createClock({ now, nodeId: node.repeat(16) });
  let seq = 0;
  const prefix = node.charCodeAt(0).toString(16).padStart(4, '0');
  const store = createTasksStore({
    db,
    clock,
    now,
    newId: () => `00000000-${prefix}-4000-8000-${String(++seq).padStart(12, '0')}`,
  });
  const transport = {
    db,
    fetch: server.fetch,
    baseUrl: server.url,
    getAccessToken: async () => user.token,
    now,
  };
  return {
    db,
    clock,
    store,
    advance: (ms: number) => (time += ms),
    push: () => replayOutbox({ ...transport, clientId: node }),
    pull: (extra: { limit?: number; onProgress?: (p: PullProgress) => void } = {}) =>
      pullChanges({ ...transport, clock, ...extra }),
    tasks: async () => (await db.tasks.toArray()).map((s) => toTask(toTaskRecord(s))),
  };
}

describe('pullChanges', () => {
  it('brings a new device up to date page by page, reporting progress, and stores the cursor', async () => {
    const a = device('A');
    await a.store.addTasks(Array.from({ length: 5 }, (_, i) => ({ title: `task ${i}` })));
    await a.push();
    const b = device('B');
    const progress: PullProgress[] = [];
    const result = await b.pull({ limit: 2, onProgress: (p) => progress.push(p) });
    expect(result).toEqual({ received: 5, conflicts: 0, resynced: false });
    expect(progress.map((p) => [p.received, p.done, p.initial])).toEqual([
      [2, false, true],
      [4, false, true],
      [5, true, true],
    ]);
    // The server sends no estimate of the total (the protocol allows one).
    expect(progress.map((p) => p.total)).toEqual([undefined, undefined, undefined]);
    expect(await b.tasks()).toEqual(await a.tasks());
    expect(await getCursor(b.db)).toBe('5');
    // Nothing new: one request, nothing applied.
    expect((await b.pull()).received).toBe(0);
  });

  it('keeps concurrent edits of different fields and journals the losing value of the same field', async () => {
    const a = device('A');
    const b = device('B');
    const task = await a.store.addTask({ title: 'Call mom' });
    await a.push();
    await b.pull();
    b.advance(1000);
    await b.store.updateTask(task.id, { notes: 'from B', priority: 1 });
    await b.push();
    a.advance(2000);
    await a.store.updateTask(task.id, { notes: 'from A' });
    await a.push();
    const result = await b.pull();
    expect(result.conflicts).toBe(1);
    await a.pull();
    const [onA] = await a.tasks();
    const [onB] = await b.tasks();
    expect(onB).toEqual(onA);
    expect(onB).toMatchObject({ notes: 'from A', priority: 1 });
    const journal = await listConflicts(b.db, task.id, T0 + 5000);
    expect(journal).toHaveLength(1);
    expect(journal[0]).toMatchObject({ field: 'notes', oldValue: 'from B', newValue: 'from A' });
    expect(journal[0].oldHlc.endsWith('B'.repeat(16))).toBe(true);
    // Restore = a new local write of the old value, which then wins everywhere.
    b.advance(5000);
    await restoreConflict(b.store, journal[0]);
    await b.push();
    await a.pull();
    expect((await a.tasks())[0]?.notes).toBe('from B');
    // Entries older than 14 days are pruned when listed.
    expect(await listConflicts(b.db, task.id, T0 + 15 * 24 * HOUR)).toEqual([]);
  });

  it('journals only unsynced values this device wrote, not later edits or one device replacing another', async () => {
    const a = device('A');
    const b = device('B');
    const c = device('C');
    const task = await a.store.addTask({ title: 'Plan trip', notes: 'from A' });
    await a.push();
    await b.pull();
    await c.pull();
    c.advance(1000);
    await c.store.updateTask(task.id, { notes: 'from C' });
    await c.push();
    const result = await b.pull();
    expect(result.conflicts).toBe(0);
    expect(await listConflicts(b.db, task.id, T0 + 5000)).toEqual([]);
    // B's own value, synced before C (having seen it) replaced it: an ordinary later edit.
    b.advance(2000);
    await b.store.updateTask(task.id, { title: 'Plan the trip to Lyon' });
    await b.push();
    await setMeta(b.db, META_KEYS.lastSyncedAt, new Date(T0 + 2500).toISOString());
    await c.pull();
    c.advance(3000);
    await c.store.updateTask(task.id, { title: 'Plan the trip to Paris' });
    await c.push();
    expect((await b.pull()).conflicts).toBe(0);
    expect((await b.tasks())[0]?.title).toBe('Plan the trip to Paris');
  });

  it('lets a deletion win over an offline edit, and journals the edit so it can be restored', async () => {
    const a = device('A');
    const b = device('B');
    const task = await a.store.addTask({ title: 'Book flights' });
    await a.push();
    await b.pull();
    await setMeta(b.db, META_KEYS.lastSyncedAt, new Date(T0).toISOString());
    // B, offline, renames the task; meanwhile A deletes it.
    b.advance(1000);
    await b.store.updateTask(task.id, { title: 'Book flights to Lyon' });
    a.advance(2000);
    await a.store.deleteTask(task.id);
    await a.push();
    // B comes back: pushes its edit, then pulls the deletion.
    await b.push();
    await b.pull();
    await a.pull();
    const [onB] = await b.tasks();
    expect(onB?.deletedAt).not.toBeNull();
    expect((await a.tasks())[0]?.deletedAt).not.toBeNull();
    const journal = await listConflicts(b.db, task.id, T0 + 5000);
    expect(journal).toHaveLength(1);
    expect(journal[0]).toMatchObject({
      kind: 'deleted',
      field: 'title',
      oldValue: 'Book flights to Lyon',
    });
    // Restoring brings the task back with the edit, as a new local write that syncs.
    b.advance(5000);
    await restoreConflict(b.store, journal[0], b.db);
    expect((await b.tasks())[0]).toMatchObject({ title: 'Book flights to Lyon', deletedAt: null });
    expect((await listConflicts(b.db, task.id, T0 + 6000))[0].restoredAt).toBeTruthy();
    await b.push();
    await a.pull();
    expect((await a.tasks())[0]).toMatchObject({ title: 'Book flights to Lyon', deletedAt: null });
  });

  it('on 410 resyncs in full without losing unsent local changes', async () => {
    const a = device('A');
    const b = device('B');
    const [t1, t2, t3] = await a.store.addTasks([
      { title: 'one' },
      { title: 'two' },
      { title: 'archived' },
    ]);
    await a.push();
    await b.pull();
    b.advance(1000);
    await b.store.updateTask(t1.id, { title: 'one, edited offline on B' });
    a.advance(500);
    await a.store.updateTask(t2.id, { priority: 2 });
    await a.store.addTask({ title: 'three' });
    await a.push();
    // The server purged (not archived) a task B still shows: it disappears from B on the resync.
    await server.server.db.query('delete from public.tasks where owner = $1 and id = $2', [
      user.id,
      t3.id,
    ]);
    await server.expireCursors(user.id); // the log B's cursor points into is gone
    const result = await b.pull();
    expect(result.resynced).toBe(true);
    const titles = (await b.tasks()).map((t) => t?.title).sort();
    expect(titles).toEqual(['one, edited offline on B', 'three', 'two']);
    expect((await b.store.getTask(t2.id))?.priority).toBe(2);
    expect(await b.db.outbox.count()).toBe(1);
    await b.push();
    await a.pull();
    expect((await a.store.getTask(t1.id))?.title).toBe('one, edited offline on B');
  });

  it('after 410 keeps the tasks the server archived as a read-only archive until the user clears it', async () => {
    const a = device('A');
    const b = device('B');
    const [filed, chore, kept] = await a.store.addTasks([
      { title: 'Filed taxes' },
      { title: 'Old chore' },
      { title: 'Still here' },
    ]);
    await a.store.completeTask(filed.id);
    await a.push();
    await b.pull({ limit: 1 });
    b.advance(1000);
    await b.store.updateTask(chore.id, { notes: 'unsent, edited on B' });
    // A deletes both; months later the daily job archives them, and B's cursor is now too old.
    a.advance(2000);
    await a.store.deleteTask(filed.id);
    await a.store.deleteTask(chore.id);
    await a.push();
    await server.server.db.query('select public.archive_deleted_tasks($1::interval)', [
      '0 seconds',
    ]);

    const result = await b.pull({ limit: 1 });
    expect(result.resynced).toBe(true);
    expect(
      server.requests.filter((r) => r.path.includes('include=archived')).length,
    ).toBeGreaterThan(0);
    // The archived task is kept, read-only; the one with an unsent edit stays a live task.
    const archive = await listArchived(b.db);
    expect(archive.map((x) => x.task.title)).toEqual(['Filed taxes']);
    expect(archive[0].task.completedAt).not.toBeNull();
    await expect(b.store.updateTask(filed.id, { title: 'changed' })).rejects.toBeInstanceOf(
      TaskArchivedError,
    );
    expect((await b.store.getTask(chore.id))?.notes).toBe('unsent, edited on B');
    expect(await b.store.getTask(kept.id)).not.toBeNull();
    // The next pull does not resync again, and keeps the archive.
    expect((await b.pull()).resynced).toBe(false);
    expect(await listArchived(b.db)).toHaveLength(1);
    // The user clears it.
    expect(await clearArchive(b.db)).toBe(1);
    expect(await listArchived(b.db)).toEqual([]);
  });

  it('a device hours behind folds remote clocks in, reports the skew, and its next edit still wins', async () => {
    const a = device('A', 3 * HOUR);
    const b = device('B', -2 * HOUR);
    const task = await a.store.addTask({ title: 'from the future' });
    await a.push();
    await b.pull();
    expect(b.clock.skewMs()).toBe(5 * HOUR);
    await b.store.updateTask(task.id, { title: 'later edit on B' });
    await b.push();
    await a.pull();
    expect((await a.store.getTask(task.id))?.title).toBe('later edit on B');
  });

  it('a failing page leaves the cursor where it was', async () => {
    const a = device('A');
    await a.store.addTasks([{ title: 'x' }, { title: 'y' }]);
    await a.push();
    const b = device('B');
    await b.pull({ limit: 1 }).catch(() => undefined);
    server.faults.push({
      path: '/api/sync/pull',
      status: 200,
      body: {
        tasks: [{ id: 'x', createdAt: 'a', updatedAt: 'b', clock: { title: 'garbage' } }],
        cursor: '9',
        hasMore: false,
      },
    });
    await expect(
      pullChanges({
        db: b.db,
        fetch: server.fetch,
        baseUrl: server.url,
        getAccessToken: async () => user.token,
      }),
    ).rejects.toMatchObject({ kind: 'transient' });
    expect(await getCursor(b.db)).toBe('2');
    server.faults.push({ path: '/api/sync/pull', status: 403 });
    await expect(
      pullChanges({
        db: b.db,
        fetch: server.fetch,
        baseUrl: server.url,
        getAccessToken: async () => user.token,
      }),
    ).rejects.toMatchObject({ kind: 'permanent' });
    expect(await getCursor(b.db)).toBe('2');
  });
});

describe('projects between devices', () => {
  it('a rename on one device reaches the other device’s tasks without rewriting them', async () => {
    const a = device('A');
    const b = device('B');
    const task = await a.store.addTask({ title: 'Paint hall', project: 'Home Renovation' });
    await a.push();
    await b.pull();
    expect((await queryTask(b.db, task.id))?.project).toBe('Home Renovation');

    a.advance(60_000);
    const projects = createProjectsStore({ db: a.db, clock: a.clock, now: () => T0 + 60_000 });
    await projects.updateProject(task.projectId!, { name: 'House' });
    expect(await a.db.outbox.count()).toBe(1);
    await a.push();
    const before = await b.db.tasks.get(task.id);
    await b.pull();
    expect(await b.db.tasks.get(task.id)).toEqual(before);
    expect((await queryTask(b.db, task.id))?.project).toBe('House');
    expect((await b.db.projects.toArray()).map((p) => p.name)).toEqual(['House']);
  });

  it('a task an older client filed by name gets that name’s project on arrival', async () => {
    const b = device('B');
    const old = device('C');
    // An older client: a task write with a project name and no project id, straight to the outbox.
    const task = await old.store.addTask({ title: 'Legacy' });
    await old.db.outbox.clear();
    await old.db.outbox.add({
      id: 'legacy-write',
      taskId: task.id,
      hlc: old.clock.tick(),
      changes: { title: 'Legacy', project: 'Garden', projectId: null },
      createdAt: new Date(T0).toISOString(),
      attempts: 0,
    });
    await old.push();
    await b.pull();
    const garden = projectIdForName('Garden');
    expect(await b.db.projects.toArray()).toEqual([
      expect.objectContaining({ id: garden, name: 'Garden' }),
    ]);
    expect(await b.db.outbox.toArray()).toEqual([
      expect.objectContaining({ kind: 'project', taskId: garden }),
    ]);
    expect((await queryTask(b.db, task.id))?.project).toBe('Garden');
    await b.push();
    expect(await b.db.outbox.count()).toBe(0);
  });
});

describe('sections between devices', () => {
  it('sections made, renamed and deleted on one device reach the other, and so do the tasks in them', async () => {
    const a = device('A');
    const b = device('B');
    const task = await a.store.addTask({ title: 'Paint hall', project: 'Home' });
    const sections = createSectionsStore({ db: a.db, clock: a.clock, now: () => T0 });
    const shopping = await sections.addSection({ projectId: task.projectId!, name: 'Shopping' });
    const garden = await sections.addSection({ projectId: task.projectId!, name: 'Garden' });
    await a.store.updateTask(task.id, { sectionId: shopping.id });
    await a.push();
    expect(await a.db.outbox.count()).toBe(0);
    await b.pull();
    const shown = async () => (await listProjectSections(b.db, task.projectId!)).map((s) => s.name);
    expect(await shown()).toEqual(['Shopping', 'Garden']);
    expect((await queryTask(b.db, task.id))?.sectionId).toBe(shopping.id);

    a.advance(60_000);
    const later = createSectionsStore({ db: a.db, clock: a.clock, now: () => T0 + 60_000 });
    await later.updateSection(shopping.id, { name: 'Buy', order: 5 });
    await later.deleteSection(garden.id);
    await a.push();
    await b.pull();
    expect(await shown()).toEqual(['Buy']);
  });
});

describe('labels between devices', () => {
  it('a rename and a recolour on one device reach the other device’s tasks without rewriting them', async () => {
    const a = device('A');
    const b = device('B');
    const task = await a.store.addTask({ title: 'Buy stamps', labels: ['errands'] });
    await a.push();
    await b.pull();
    expect((await queryTask(b.db, task.id))?.labels).toEqual(['errands']);

    a.advance(60_000);
    const labels = createLabelsStore({ db: a.db, clock: a.clock, now: () => T0 + 60_000 });
    await labels.updateLabel(labelIdForName('errands'), { name: 'shopping', colour: 'teal' });
    expect(await a.db.outbox.count()).toBe(1);
    await a.push();
    const before = await b.db.tasks.get(task.id);
    await b.pull();
    expect(await b.db.tasks.get(task.id)).toEqual(before);
    expect((await queryTask(b.db, task.id))?.labels).toEqual(['shopping']);
    expect((await b.db.labels.toArray()).map((l) => [l.name, l.colour])).toEqual([
      ['shopping', 'teal'],
    ]);
  });

  it('a task an older client labelled by name gets that name’s label on arrival', async () => {
    const b = device('B');
    const old = device('C');
    const task = await old.store.addTask({ title: 'Legacy' });
    await old.db.outbox.clear();
    await old.db.outbox.add({
      id: 'legacy-write',
      taskId: task.id,
      hlc: old.clock.tick(),
      changes: { title: 'Legacy', labels: ['garden'] },
      createdAt: new Date(T0).toISOString(),
      attempts: 0,
    });
    await old.push();
    await b.pull();
    const garden = labelIdForName('garden');
    expect(await b.db.labels.toArray()).toEqual([
      expect.objectContaining({ id: garden, name: 'garden' }),
    ]);
    expect(await b.db.outbox.toArray()).toEqual([
      expect.objectContaining({ kind: 'label', taskId: garden }),
    ]);
    expect((await queryTask(b.db, task.id))?.labels).toEqual(['garden']);
    await b.push();
    expect(await b.db.outbox.count()).toBe(0);
  });
});

describe('comments between devices', () => {
  it('a comment posted, edited and deleted on one device reaches the other through the sync server', async () => {
    const a = device('A');
    const b = device('B');
    const task = await a.store.addTask({ title: 'Fix the sink' });
    const onA = createCommentsStore({ db: a.db, clock: a.clock, now: () => T0 });
    const posted = await onA.addComment(task.id, 'Parts at https://example.com/parts');
    await a.push();
    expect(await a.db.outbox.count()).toBe(0);
    await b.pull();
    expect((await listComments(b.db, task.id)).map((c) => c.text)).toEqual([
      'Parts at https://example.com/parts',
    ]);

    b.advance(60_000);
    const onB = createCommentsStore({ db: b.db, clock: b.clock, now: () => T0 + 60_000 });
    await onB.editComment(posted.id, 'Parts ordered');
    await b.push();
    await a.pull();
    expect(await listComments(a.db, task.id)).toEqual([
      expect.objectContaining({ text: 'Parts ordered', postedAt: posted.postedAt }),
    ]);

    await onA.deleteComment(posted.id);
    await a.push();
    await b.pull();
    expect(await listComments(b.db, task.id)).toEqual([]);
  });
});
