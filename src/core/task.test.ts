import { describe, expect, it } from 'vitest';
import { createTask, describeValidationError, taskChangesSchema, taskSchema } from './task';

const ids = { id: '0193b5a0-0000-7000-8000-000000000001', now: '2026-11-26T09:00:00.000Z' };

describe('task schema', () => {
  it('fills defaults and trims the title', () => {
    const t = createTask({ title: '  Call mom  ' }, ids);
    expect(t).toMatchObject({ title: 'Call mom', priority: 4, labels: [], due: null, notes: '' });
    expect(taskSchema.safeParse(t).success).toBe(true);
  });

  it('accepts both due forms and rejects impossible dates', () => {
    expect(createTask({ title: 'a', due: '2026-11-26' }, ids).due).toBe('2026-11-26');
    expect(createTask({ title: 'a', due: '2026-11-26T17:00' }, ids).due).toBe('2026-11-26T17:00');
    expect(() => createTask({ title: 'a', due: '2026-02-30' }, ids)).toThrow(/real calendar date/);
    expect(() => createTask({ title: 'a', due: '2026-11-26 17:00' }, ids)).toThrow(/YYYY-MM-DD/);
  });

  it('explains each invalid field by path', () => {
    const r = taskSchema.safeParse({ ...createTask({ title: 'a' }, ids), title: '', priority: 7 });
    expect(r.success).toBe(false);
    const text = describeValidationError(r.error!);
    expect(text).toContain('title: Title is required');
    expect(text).toContain('priority: Priority must be 1, 2, 3 or 4');
  });

  it('limits lengths', () => {
    expect(() => createTask({ title: 'x'.repeat(501) }, ids)).toThrow(/at most 500/);
    expect(() => createTask({ title: 'a', notes: 'x'.repeat(20_001) }, ids)).toThrow(/20,000/);
    expect(() => createTask({ title: 'a', labels: [''] }, ids)).toThrow(/empty/);
  });

  it('changes are partial and strict', () => {
    expect(taskChangesSchema.safeParse({ priority: 1 }).success).toBe(true);
    expect(taskChangesSchema.safeParse({ owner: 'x' }).success).toBe(false);
    expect(taskChangesSchema.safeParse({ recurrence: 'FREQ=WEEKLY;INTERVAL=2' }).success).toBe(
      true,
    );
    expect(taskChangesSchema.safeParse({ recurrence: 'every week' }).success).toBe(false);
    expect(taskChangesSchema.safeParse({ order: Number.NaN }).success).toBe(false);
  });

  it('a sub-task names its parent by id, never itself', () => {
    const parent = '0193b5a0-0000-7000-8000-000000000002';
    expect(createTask({ title: 'a' }, ids).parentId).toBeNull();
    expect(createTask({ title: 'a', parentId: parent }, ids).parentId).toBe(parent);
    expect(() => createTask({ title: 'a', parentId: ids.id }, ids)).toThrow(/own sub-task/);
    expect(taskChangesSchema.safeParse({ parentId: 'not-a-task' }).success).toBe(false);
    expect(taskChangesSchema.safeParse({ parentId: null }).success).toBe(true);
  });
});
