import { describe, expect, it } from 'vitest';
import { applyMutation, mergeRecords } from './merge';
import { projectIdForName } from './project-id';
import type { LabelMutation, Mutation } from './merge';
import { labelMutationSchema, validateMutation } from './sync/protocol';
import { createTask, describeValidationError, taskChangesSchema } from './task';
import {
  createLabel,
  effectiveLabelIds,
  labelChangesSchema,
  labelIdForName,
  labelNames,
  labelSchema,
  legacyLabelMutations,
  toLabel,
} from './label';
import type { LabelRecord } from './label';
import { LEGACY_NODE, legacyWriteRecord } from './name-id';

const ids = { id: '0193b5a0-0000-7000-8000-0000000000a1', now: '2026-11-26T09:00:00.000Z' };
const L = (n: number) => `0193b5a0-0000-7000-8000-0000000000d${n}`;
const h = (minute: number, node = 'AAAAAAAAAAAAAAAA') =>
  `2026-11-26T09:${String(minute).padStart(2, '0')}:00.000Z-0000-${node}`;

describe('label schema', () => {
  it('fills defaults and trims the name', () => {
    const label = createLabel({ name: '  errands ' }, ids);
    expect(label).toMatchObject({ name: 'errands', colour: 'grey', order: 0, deletedAt: null });
    expect(labelSchema.safeParse(label).success).toBe(true);
  });

  it('refuses hostile names and unknown fields', () => {
    for (const name of ['', '   ', 'a\u0000b', 'lone \ud800 surrogate', 'x'.repeat(101)])
      expect(labelChangesSchema.safeParse({ name }).success, JSON.stringify(name)).toBe(false);
    const r = labelChangesSchema.safeParse({ colour: '#ff0000', order: NaN, archived: true });
    expect(r.success).toBe(false);
    expect(describeValidationError(r.error!)).toContain('colour: Colour must be one of');
  });

  it('shows a record once its name has arrived', () => {
    const base = { id: ids.id, createdAt: ids.now, updatedAt: ids.now, clock: {} };
    expect(toLabel(base)).toBeNull();
    expect(toLabel({ ...base, name: 'home' })).toMatchObject({ name: 'home', colour: 'grey' });
  });

  it('validates label writes on the wire, by kind', () => {
    const write = { id: 'w1', taskId: L(1), hlc: h(1), changes: { name: 'home' }, kind: 'label' };
    expect(labelMutationSchema.safeParse(write).success).toBe(true);
    expect(validateMutation(write, 0)).toMatchObject({ ok: true, mutation: write });
    // A label write carrying a task's field, or no field, is refused, not applied.
    expect(validateMutation({ ...write, changes: { title: 'x' } }, 0)).toMatchObject({ ok: false });
    expect(validateMutation({ ...write, changes: {} }, 0)).toMatchObject({ ok: false });
    // Tasks take label ids, at most 50, each a UUID.
    expect(taskChangesSchema.safeParse({ labelIds: [L(1)] }).success).toBe(true);
    expect(taskChangesSchema.safeParse({ labelIds: ['home'] }).success).toBe(false);
    expect(taskChangesSchema.safeParse({ labelIds: Array(51).fill(L(1)) }).success).toBe(false);
  });
});

describe('label merge', () => {
  const create: LabelMutation = {
    id: 'c',
    taskId: L(1),
    hlc: h(1),
    changes: { name: 'errands', colour: 'grey', order: 0, deletedAt: null },
    kind: 'label',
  };

  it('keeps a rename on one device and a recolour on another, in any order', () => {
    const rename: LabelMutation = {
      ...create,
      id: 'r',
      hlc: h(2, 'B'.repeat(16)),
      changes: { name: 'shopping' },
    };
    const recolour: LabelMutation = {
      ...create,
      id: 'k',
      hlc: h(3, 'C'.repeat(16)),
      changes: { colour: 'teal' },
    };
    const a = [create, rename, recolour].reduce<LabelRecord | undefined>(
      (r, m) => applyMutation(r, m).record,
      undefined,
    )!;
    const b = [recolour, create, rename].reduce<LabelRecord | undefined>(
      (r, m) => applyMutation(r, m).record,
      undefined,
    )!;
    expect(a).toEqual(b);
    expect(toLabel(a)).toMatchObject({ name: 'shopping', colour: 'teal' });
    expect(mergeRecords(a, b, 'label').applied).toEqual([]);
  });

  it('renames a label on every task with one write: tasks hold its id', () => {
    const labels = new Map([[L(1), applyMutation(undefined, create).record]]);
    const task = { labels: ['errands'], labelIds: [L(1)] };
    expect(labelNames(effectiveLabelIds(task), labels)).toEqual(['errands']);
    const renamed = applyMutation(labels.get(L(1)), {
      ...create,
      id: 'r',
      hlc: h(2),
      changes: { name: 'shopping' },
    });
    labels.set(L(1), renamed.record);
    expect(labelNames(effectiveLabelIds(task), labels)).toEqual(['shopping']);
    // Deleted (or not yet arrived) labels are not shown.
    labels.set(L(1), { ...renamed.record, deletedAt: ids.now });
    expect(labelNames(effectiveLabelIds({ labelIds: [L(1), L(2)] }), labels)).toEqual([]);
  });
});

describe('which labels a task has', () => {
  it('reads names as their records when no label-aware client wrote the task', () => {
    expect(effectiveLabelIds({ labels: ['Home', 'home ', 'work'], labelIds: null })).toEqual([
      labelIdForName('home'),
      labelIdForName('work'),
    ]);
    expect(labelIdForName('Home')).toBe(labelIdForName(' home'));
    expect(labelIdForName('home')).not.toBe(labelIdForName('work'));
  });

  it('takes the ids, unless an older client wrote names after them', () => {
    const task = createTask({ title: 't' }, ids);
    const write = (hlc: string, changes: Mutation['changes']): Mutation => ({
      id: hlc,
      taskId: task.id,
      hlc,
      changes,
    });
    // A label-aware client writes both under one stamp: ids win (the label may since be renamed).
    let record = applyMutation(
      undefined,
      write(h(1), { title: 't', labels: ['errands'], labelIds: [L(1)] }),
    ).record;
    expect(effectiveLabelIds(record)).toEqual([L(1)]);
    // An older client (or REST) later writes names only: they win, each read as its name's record.
    record = applyMutation(record, write(h(2), { labels: ['work'] })).record;
    expect(effectiveLabelIds(record)).toEqual([labelIdForName('work')]);
    // A label-aware edit after that is ids again.
    record = applyMutation(record, write(h(3), { labels: [], labelIds: [] })).record;
    expect(effectiveLabelIds(record)).toEqual([]);
  });
});

describe('labels from legacy names', () => {
  const tasks = [
    { labels: ['Errands', 'home'], labelIds: null, createdAt: '2026-11-20T09:00:00.000Z' },
    { labels: ['errands'], labelIds: null, createdAt: '2026-11-10T09:00:00.000Z' },
    { labels: ['moved'], labelIds: [L(1)], createdAt: '2026-11-01T09:00:00.000Z' },
  ];

  it('writes one label per name, the same on every device, skipping known ones', () => {
    const writes = legacyLabelMutations(tasks, () => false);
    const byName = Object.fromEntries(writes.map((m) => [m.changes.name, [m.taskId, m.hlc]]));
    expect(byName).toEqual({
      errands: [labelIdForName('errands'), `2026-11-10T09:00:00.000Z-0000-${LEGACY_NODE}`],
      home: [labelIdForName('home'), `2026-11-20T09:00:00.000Z-0000-${LEGACY_NODE}`],
    });
    expect(legacyLabelMutations([...tasks].reverse(), () => false)).toEqual(writes);
    const home = labelIdForName('home');
    expect(legacyLabelMutations(tasks, (id) => id === home).map((m) => m.changes.name)).toEqual([
      'errands',
    ]);
    for (const m of writes) {
      expect(labelMutationSchema.safeParse(m).success).toBe(true);
      expect(legacyWriteRecord(m)).toEqual(applyMutation(undefined, m).record);
    }
    // Label and project records made from the same name are different records.
    expect(labelIdForName('Work')).not.toBe(projectIdForName('Work'));
  });

  it('loses to any later write, such as a rename', () => {
    const [create] = legacyLabelMutations(tasks, () => false);
    const rename = { ...create, id: 'r', hlc: h(30), changes: { name: 'shopping' } };
    const later = applyMutation(applyMutation(undefined, rename).record, create).record;
    expect(later.name).toBe('shopping');
  });
});
