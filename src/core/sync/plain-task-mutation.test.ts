import { describe, expect, it } from 'vitest';
import { formatHlc } from '../hlc';
import { createMutation } from '../merge';
import { createTask } from '../task';
import { isPlainTaskMutation } from './plain-task-mutation';
import { mutationSchema } from './protocol';

const HLC = formatHlc({
  millis: Date.parse('2026-11-26T09:00:00.000Z'),
  counter: 1,
  node: 'A'.repeat(16),
});
const TASK_ID = '0193b5a0-0000-7000-8000-000000000001';
const base = { id: 'm1', taskId: TASK_ID, hlc: HLC };

/** Entries the hand check must either take exactly as zod does, or leave to zod. */
const entries: unknown[] = [
  createMutation(
    createTask(
      { title: 'Buy milk', notes: 'two', labels: ['home', 'shop'] },
      { id: TASK_ID, now: HLC.slice(0, 24) },
    ),
    HLC,
    'm1',
  ),
  createMutation(
    createTask({ title: 'Due', due: '2026-12-01' }, { id: TASK_ID, now: HLC.slice(0, 24) }),
    HLC,
    'm2',
  ),
  { ...base, changes: { title: 'x' } },
  { ...base, changes: { title: 'x' }, kind: 'task' },
  { ...base, changes: { title: 'x' }, kind: 'project' },
  { ...base, changes: { title: ' padded ' } },
  { ...base, changes: { title: '' } },
  { ...base, changes: { title: 'x'.repeat(501) } },
  { ...base, changes: { title: 'bad\u0000' } },
  { ...base, changes: { notes: 'x'.repeat(20_001) } },
  { ...base, changes: { priority: 0 } },
  { ...base, changes: { priority: 4 } },
  { ...base, changes: { priority: '4' } },
  { ...base, changes: { order: Number.NaN } },
  { ...base, changes: { order: 1.5 } },
  { ...base, changes: { labels: ['ok', ' spaced'] } },
  { ...base, changes: { labels: Array.from({ length: 51 }, (_, i) => `l${i}`) } },
  { ...base, changes: { project: 'Home' } },
  { ...base, changes: { project: '' } },
  { ...base, changes: { reminders: [] } },
  { ...base, changes: { completedAt: '2026-11-26T09:00:00.000Z' } },
  { ...base, changes: { parentId: TASK_ID } },
  { ...base, changes: {} },
  { ...base, changes: { unknown: 1 } },
  { ...base, changes: JSON.parse('{"__proto__": {"title": "x"}}') as unknown },
  { ...base, changes: { title: 'x' }, extra: 1 },
  { ...base, id: '', changes: { title: 'x' } },
  { ...base, id: 'x'.repeat(101), changes: { title: 'x' } },
  { ...base, taskId: 'not-a-uuid', changes: { title: 'x' } },
  { ...base, taskId: TASK_ID.toUpperCase(), changes: { title: 'x' } },
  { ...base, hlc: 'nope', changes: { title: 'x' } },
  { ...base, hlc: HLC.replace('11-26', '02-30'), changes: { title: 'x' } },
  { ...base, changes: [] },
  { ...base, changes: null },
  null,
  [],
];

describe('isPlainTaskMutation', () => {
  it('takes only entries the schema passes, and as the schema would return them', () => {
    let taken = 0;
    for (const entry of entries) {
      if (!isPlainTaskMutation(entry)) continue;
      taken++;
      const parsed = mutationSchema.safeParse(entry);
      expect(parsed.success, JSON.stringify(entry)).toBe(true);
      expect(parsed.data, JSON.stringify(entry)).toEqual(entry);
    }
    expect(taken).toBeGreaterThan(5);
  });

  it('takes a new task as the page sends it', () => {
    expect(isPlainTaskMutation(JSON.parse(JSON.stringify(entries[0])))).toBe(true);
  });
});
