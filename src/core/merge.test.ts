import { describe, expect, it } from 'vitest';
import { formatHlc } from './hlc';
import {
  applyMutation,
  createMutation,
  createRecordMutation,
  mergeRecords,
  recordToMutations,
  toTask,
} from './merge';
import type { Mutation, ProjectMutation, TaskRecord } from './merge';
import { createProject } from './project';
import type { ProjectRecord } from './project';
import { createTask } from './task';

const A = 'AAAAAAAAAAAAAAAA';
const B = 'BBBBBBBBBBBBBBBB';
const T0 = Date.parse('2026-11-26T09:00:00.000Z');
const h = (ms: number, node: string, counter = 0) => formatHlc({ millis: T0 + ms, counter, node });
const ID = '0193b5a0-0000-7000-8000-000000000001';

function applyAll(ms: Mutation[]): TaskRecord | undefined {
  let r: TaskRecord | undefined;
  for (const m of ms) r = applyMutation(r, m).record;
  return r;
}

const base = createTask({ title: 'Call mom' }, { id: ID, now: '2026-11-26T09:00:00.000Z' });
const create = createMutation(base, h(0, A), 'm0');

describe('merge', () => {
  it('keeps concurrent edits to different fields of one task', () => {
    const m1: Mutation = {
      id: 'm1',
      taskId: ID,
      hlc: h(10, A),
      changes: { title: 'Call mom tonight' },
    };
    const m2: Mutation = { id: 'm2', taskId: ID, hlc: h(5, B), changes: { priority: 1 } };
    const r = applyAll([create, m2, m1])!;
    expect(r.title).toBe('Call mom tonight');
    expect(r.priority).toBe(1);
    expect(applyAll([m1, create, m2])).toEqual(r);
  });

  it('the greater timestamp wins the same field on every order, ties by node id', () => {
    const m1: Mutation = { id: 'm1', taskId: ID, hlc: h(10, A), changes: { title: 'from A' } };
    const m2: Mutation = { id: 'm2', taskId: ID, hlc: h(10, B), changes: { title: 'from B' } };
    expect(applyAll([create, m1, m2])!.title).toBe('from B');
    expect(applyAll([create, m2, m1])!.title).toBe('from B');
  });

  it('is idempotent', () => {
    const once = applyAll([create])!;
    const r = applyMutation(once, create);
    expect(r.record).toEqual(once);
    expect(r.applied).toEqual([]);
  });

  it('an edit after a delete does not resurrect; a restore does', () => {
    const del: Mutation = {
      id: 'd',
      taskId: ID,
      hlc: h(10, A),
      changes: { deletedAt: '2026-11-26T09:00:00.010Z' },
    };
    const edit: Mutation = { id: 'e', taskId: ID, hlc: h(20, B), changes: { title: 'edited' } };
    const r = applyAll([create, edit, del])!;
    expect(r.deletedAt).not.toBeNull();
    expect(r.title).toBe('edited');
    const restore: Mutation = { id: 'r', taskId: ID, hlc: h(30, A), changes: { deletedAt: null } };
    expect(applyMutation(r, restore).record.deletedAt).toBeNull();
  });

  it('journals a value overwritten by another device, not by the same device', () => {
    const local: Mutation = { id: 'l', taskId: ID, hlc: h(10, A), changes: { notes: 'mine' } };
    const remote: Mutation = { id: 'r', taskId: ID, hlc: h(20, B), changes: { notes: 'theirs' } };
    const r1 = applyMutation(applyAll([create, local]), remote);
    expect(r1.overwritten).toEqual([
      {
        taskId: ID,
        field: 'notes',
        oldValue: 'mine',
        newValue: 'theirs',
        oldHlc: h(10, A),
        newHlc: h(20, B),
      },
    ]);
    const sameDevice: Mutation = {
      id: 's',
      taskId: ID,
      hlc: h(20, A),
      changes: { notes: 'again' },
    };
    expect(applyMutation(applyAll([create, local]), sameDevice).overwritten).toEqual([]);
  });

  it('a partial record is not a task until its title arrives; timestamps come from clocks', () => {
    const early: Mutation = { id: 'p', taskId: ID, hlc: h(50, B), changes: { priority: 2 } };
    const partial = applyAll([early])!;
    expect(toTask(partial)).toBeNull();
    const full = applyMutation(partial, create).record;
    const task = toTask(full)!;
    expect(task.title).toBe('Call mom');
    expect(task.priority).toBe(2);
    expect(task.createdAt).toBe('2026-11-26T09:00:00.000Z');
    expect(task.updatedAt).toBe('2026-11-26T09:00:00.050Z');
  });

  it('mergeRecords equals replaying the writes', () => {
    const m1: Mutation = {
      id: 'm1',
      taskId: ID,
      hlc: h(10, A),
      changes: { title: 'x', labels: ['a'] },
    };
    const m2: Mutation = { id: 'm2', taskId: ID, hlc: h(12, B), changes: { title: 'y' } };
    const left = applyAll([create, m1])!;
    const right = applyAll([create, m2])!;
    const merged = mergeRecords(left, right).record;
    expect(merged).toEqual(applyAll([create, m1, m2]));
    expect(mergeRecords(right, left).record).toEqual(merged);
    expect(mergeRecords(undefined, right).record).toEqual(right);
  });
  it('equal timestamps with different values (two tabs, one node id) resolve the same in any order', () => {
    const tab1: Mutation = { id: 't1', taskId: ID, hlc: h(10, A), changes: { notes: 'tab one' } };
    const tab2: Mutation = { id: 't2', taskId: ID, hlc: h(10, A), changes: { notes: 'tab two' } };
    const r = applyAll([create, tab1, tab2])!;
    expect(r.notes).toBe('tab two');
    expect(applyAll([create, tab2, tab1])).toEqual(r);
    expect(mergeRecords(applyAll([create, tab1]), applyAll([create, tab2])!).record).toEqual(r);
  });

  it('updatedAt is the latest write seen, whatever the order, even one that changed nothing', () => {
    const empty: Mutation = { id: 'e', taskId: ID, hlc: h(30, A), changes: {} };
    const edit: Mutation = { id: 'x', taskId: ID, hlc: h(20, B), changes: { title: 'x' } };
    const a = applyAll([empty, edit])!;
    expect(a.updatedAt).toBe('2026-11-26T09:00:00.030Z');
    expect(applyAll([edit, empty])).toEqual(a);
    expect(mergeRecords(applyAll([edit]), applyAll([empty])!).record.updatedAt).toBe(a.updatedAt);
  });
});

describe('merge over projects', () => {
  const PID = '0193b5a0-0000-7000-8000-0000000000c1';
  const project = createProject({ name: 'Work' }, { id: PID, now: '2026-11-26T09:00:00.000Z' });
  const createP = createRecordMutation('project', project, h(0, A), 'p0');
  const rename: ProjectMutation = {
    id: 'p1',
    taskId: PID,
    hlc: h(10, A),
    changes: { name: 'Job' },
    kind: 'project',
  };
  const recolour: ProjectMutation = {
    id: 'p2',
    taskId: PID,
    hlc: h(5, B),
    changes: { colour: 'blue', name: 'Office' },
    kind: 'project',
  };

  function applyProjects(ms: ProjectMutation[]): ProjectRecord | undefined {
    let r: ProjectRecord | undefined;
    for (const m of ms) r = applyMutation(r, m).record;
    return r;
  }

  it('merges project fields with the same last-writer-wins as task fields', () => {
    const r = applyProjects([createP, rename, recolour])!;
    expect(r).toMatchObject({ name: 'Job', colour: 'blue', archived: false });
    expect(applyProjects([recolour, rename, createP])).toEqual(r);
    expect(applyMutation(r, rename).applied).toEqual([]);
  });

  it('a project mutation writes only project fields', () => {
    const stray = { ...rename, changes: { name: 'Job', title: 'not a project field' } };
    const r = applyMutation(undefined, stray as ProjectMutation).record;
    expect(r).not.toHaveProperty('title');
    expect(r.clock).toEqual({ name: h(10, A) });
  });

  it('merges whole project records and rebuilds them from their writes', () => {
    const a = applyProjects([createP, rename])!;
    const b = applyProjects([createP, recolour])!;
    const ab = mergeRecords(a, b, 'project').record;
    expect(ab).toEqual(mergeRecords(b, a, 'project').record);
    expect(ab).toEqual(applyProjects([createP, rename, recolour]));
    const writes = recordToMutations(ab, () => 'x', undefined, 'project');
    expect(writes.every((m) => m.kind === 'project')).toBe(true);
    expect(applyProjects(writes)).toEqual(ab);
  });
});
