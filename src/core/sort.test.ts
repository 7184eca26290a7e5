import { describe, expect, it } from 'vitest';
import { compareBy, compareWithinDay, isSortKey } from './sort';
import { taskFactory } from './task-fixtures';

const task = taskFactory();

const tasks = [
  task({ title: 'banana', priority: 2, due: '2026-11-28', order: 1 }),
  task({ title: 'Apple 10', priority: 1, due: null, order: 2 }),
  task({ title: 'apple 9', priority: 4, due: '2026-11-27T15:00', order: 3 }),
  task({ title: 'Cherry', priority: 2, due: '2026-11-27', order: 4 }),
  task({ title: 'date', priority: 3, due: '2026-11-27T09:30', order: 5 }),
];
const sorted = (key: Parameters<typeof compareBy>[0]) =>
  [...tasks].sort(compareBy(key)).map((t) => t.title);

describe('sorting a view', () => {
  it('by manual order', () => {
    expect(sorted('manual')).toEqual(['banana', 'Apple 10', 'apple 9', 'Cherry', 'date']);
  });

  it('by due date: timed tasks of a day in time order before its all-day tasks, no date last', () => {
    expect(sorted('due')).toEqual(['date', 'apple 9', 'Cherry', 'banana', 'Apple 10']);
  });

  it('by priority, then due date', () => {
    expect(sorted('priority')).toEqual(['Apple 10', 'Cherry', 'banana', 'date', 'apple 9']);
  });

  it('by name, without case and with numbers in number order', () => {
    expect(sorted('name')).toEqual(['apple 9', 'Apple 10', 'banana', 'Cherry', 'date']);
  });

  it('inside a day, timed tasks first in time order whatever the chosen order', () => {
    const day = tasks.filter((t) => t.due?.startsWith('2026-11-27'));
    expect([...day].sort(compareWithinDay('manual')).map((t) => t.title)).toEqual([
      'date',
      'apple 9',
      'Cherry',
    ]);
    expect([...day].sort(compareWithinDay('name')).map((t) => t.title)).toEqual([
      'date',
      'apple 9',
      'Cherry',
    ]);
  });

  it('knows its keys', () => {
    expect(isSortKey('due')).toBe(true);
    expect(isSortKey('colour')).toBe(false);
  });
});
