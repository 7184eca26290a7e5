import { describe, expect, it } from 'vitest';
import { formatHlc } from './hlc';
import { applyMutation, createRecordMutation, mergeRecords, recordToMutations } from './merge';
import type { SectionMutation } from './merge';
import {
  createSection,
  effectiveSectionId,
  sectionChangesSchema,
  sectionSchema,
  sectionsOfProject,
  toSection,
} from './section';
import type { SectionRecord } from './section';
import { taskChangesSchema } from './task';

const PROJECT = '0193b5a0-0000-7000-8000-0000000000a1';
const OTHER_PROJECT = '0193b5a0-0000-7000-8000-0000000000a2';
const S = (n: number) => `0193b5a0-0000-7000-8000-0000000000c${n}`;
const ids = { id: S(1), now: '2026-11-26T09:00:00.000Z' };
const T0 = Date.parse('2026-11-26T09:00:00.000Z');
const A = 'AAAAAAAAAAAAAAAA';
const B = 'BBBBBBBBBBBBBBBB';
const h = (ms: number, node: string) => formatHlc({ millis: T0 + ms, counter: 0, node });

describe('section schema', () => {
  it('fills defaults and trims the name', () => {
    const s = createSection({ name: '  In progress ', projectId: PROJECT }, ids);
    expect(s).toMatchObject({ name: 'In progress', projectId: PROJECT, order: 0, deletedAt: null });
    expect(sectionSchema.safeParse(s).success).toBe(true);
  });

  it('refuses hostile names as project names are refused, and foreign or malformed fields', () => {
    for (const name of ['', '   ', 'a\u0000b', 'lone \ud800 surrogate', 'x'.repeat(101)])
      expect(sectionChangesSchema.safeParse({ name }).success, JSON.stringify(name)).toBe(false);
    for (const bad of [
      { projectId: 'not-a-uuid' },
      { projectId: null },
      { order: Infinity },
      { order: Number.NaN },
      { deletedAt: '2026-02-30T00:00:00Z' },
      { deletedAt: '10000-01-01T00:00:00Z' },
      { colour: 'red' },
      { title: 'a task field' },
    ])
      expect(sectionChangesSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });

  it('gives tasks a section id that is a uuid or null', () => {
    expect(taskChangesSchema.safeParse({ sectionId: S(1) }).success).toBe(true);
    expect(taskChangesSchema.safeParse({ sectionId: null }).success).toBe(true);
    expect(taskChangesSchema.safeParse({ sectionId: 'Doing' }).success).toBe(false);
  });

  it('shows a record only once its project and name have arrived', () => {
    const partial = applyMutation(undefined, {
      id: 'm1',
      taskId: S(1),
      hlc: h(0, A),
      changes: { order: 2 },
      kind: 'section',
    }).record;
    expect(toSection(partial)).toBeNull();
    const whole = applyMutation(partial, {
      id: 'm2',
      taskId: S(1),
      hlc: h(1, B),
      changes: { name: 'Doing', projectId: PROJECT },
      kind: 'section',
    }).record;
    expect(toSection(whole)).toMatchObject({ name: 'Doing', order: 2 });
  });
});

describe('merge over sections', () => {
  const section = createSection({ name: 'To do', projectId: PROJECT }, ids);
  const create = createRecordMutation('section', section, h(0, A), 's0');
  const rename: SectionMutation = {
    id: 's1',
    taskId: S(1),
    hlc: h(10, A),
    changes: { name: 'Doing' },
    kind: 'section',
  };
  const reorder: SectionMutation = {
    id: 's2',
    taskId: S(1),
    hlc: h(5, B),
    changes: { order: 3, name: 'Later' },
    kind: 'section',
  };
  const apply = (ms: SectionMutation[]) => {
    let r: SectionRecord | undefined;
    for (const m of ms) r = applyMutation(r, m).record;
    return r!;
  };

  it('merges section fields with the same last-writer-wins as tasks and projects, in any order', () => {
    const r = apply([create, rename, reorder]);
    expect(r).toMatchObject({ name: 'Doing', order: 3, projectId: PROJECT });
    expect(apply([reorder, rename, create])).toEqual(r);
    expect(apply([rename, create, reorder])).toEqual(r);
    expect(applyMutation(r, rename).applied).toEqual([]);
  });

  it('writes only section fields, even when a stray field rides along', () => {
    const stray = { ...rename, changes: { name: 'Doing', colour: 'red', title: 'x' } };
    const r = applyMutation(undefined, stray as SectionMutation).record;
    expect(r).not.toHaveProperty('colour');
    expect(r).not.toHaveProperty('title');
    expect(r.clock).toEqual({ name: h(10, A) });
  });

  it('merges whole section records and rebuilds them from their writes', () => {
    const a = apply([create, rename]);
    const b = apply([create, reorder]);
    const ab = mergeRecords(a, b, 'section').record;
    expect(ab).toEqual(mergeRecords(b, a, 'section').record);
    expect(ab).toEqual(apply([create, rename, reorder]));
    const writes = recordToMutations(ab, () => 'x', undefined, 'section');
    expect(writes.every((m) => m.kind === 'section')).toBe(true);
    expect(apply(writes)).toEqual(ab);
  });
});

describe('sections of a project', () => {
  const record = (n: number, fields: Partial<SectionRecord>): SectionRecord => ({
    id: S(n),
    createdAt: ids.now,
    updatedAt: ids.now,
    clock: {},
    projectId: PROJECT,
    name: `S${n}`,
    order: 0,
    deletedAt: null,
    ...fields,
  });
  const all = [
    record(3, { order: 1 }),
    record(1, { order: 1 }),
    record(2, { order: 0 }),
    record(4, { deletedAt: ids.now }),
    record(5, { projectId: OTHER_PROJECT }),
    record(6, { name: undefined }),
  ];

  it('lists the live sections of one project by order, ties by id', () => {
    expect(sectionsOfProject(all, PROJECT).map((s) => s.id)).toEqual([S(2), S(1), S(3)]);
  });

  it('puts a task under its section only while that section is live and in the task’s project', () => {
    const byId = new Map(all.map((s) => [s.id, s]));
    expect(effectiveSectionId({ sectionId: S(1) }, PROJECT, byId)).toBe(S(1));
    expect(effectiveSectionId({ sectionId: S(4) }, PROJECT, byId)).toBeNull();
    expect(effectiveSectionId({ sectionId: S(5) }, PROJECT, byId)).toBeNull();
    expect(effectiveSectionId({ sectionId: S(9) }, PROJECT, byId)).toBeNull();
    expect(effectiveSectionId({ sectionId: S(1) }, null, byId)).toBeNull();
    expect(effectiveSectionId({ sectionId: null }, PROJECT, byId)).toBeNull();
  });
});
