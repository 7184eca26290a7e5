import { describe, expect, it } from 'vitest';
import { taskFactory } from '../task-fixtures';
import { compileQuery } from './evaluate';
import { parseFilter } from './parse';

const TODAY = '2026-11-26';
const task = taskFactory();

const tasks = [
  task({ title: 'Report', project: 'Work', priority: 1, due: '2026-11-25' }),
  task({ title: 'Slides', project: 'work', priority: 2, due: '2026-11-26T15:00' }),
  task({ title: 'Buy milk', labels: ['errands'], due: '2026-11-27' }),
  task({ title: 'Call plumber', project: 'Home', labels: ['Errands', 'phone'], due: '2026-12-02' }),
  task({ title: 'Read', project: 'Home', due: '2026-12-03', recurrence: 'FREQ=WEEKLY' }),
  task({ title: 'Someday', notes: 'milk the idea' }),
];

function titles(query: string): string[] {
  if (!parseFilter(query).ok) throw new Error(`invalid: ${query}`);
  return tasks.filter(compileQuery(query, TODAY)).map((t) => t.title);
}

describe('filters over tasks', () => {
  it('matches projects and labels without case; #Inbox is no project', () => {
    expect(titles('#Work')).toEqual(['Report', 'Slides']);
    expect(titles('@errands')).toEqual(['Buy milk', 'Call plumber']);
    expect(titles('#Inbox')).toEqual(['Buy milk', 'Someday']);
  });

  it('matches priority and dates relative to today', () => {
    expect(titles('p1')).toEqual(['Report']);
    expect(titles('p4')).toEqual(['Buy milk', 'Call plumber', 'Read', 'Someday']);
    expect(titles('today')).toEqual(['Slides']);
    expect(titles('tomorrow')).toEqual(['Buy milk']);
    expect(titles('overdue')).toEqual(['Report']);
    expect(titles('no date')).toEqual(['Someday']);
    // 7 days: today and the six days after it (not the overdue ones).
    expect(titles('7 days')).toEqual(['Slides', 'Buy milk', 'Call plumber']);
    expect(titles('8 days')).toEqual(['Slides', 'Buy milk', 'Call plumber', 'Read']);
    expect(titles('recurring')).toEqual(['Read']);
    expect(titles('no labels & #Home')).toEqual(['Read']);
  });

  it('combines with &, |, ! and parentheses, and free text', () => {
    expect(titles('#Work p1')).toEqual(['Report']);
    expect(titles('#Work & !p1')).toEqual(['Slides']);
    expect(titles('(today | overdue) & #Work')).toEqual(['Report', 'Slides']);
    expect(titles('@errands | p2')).toEqual(['Slides', 'Buy milk', 'Call plumber']);
    expect(titles('milk')).toEqual(['Buy milk', 'Someday']);
    expect(titles('milk & !no date')).toEqual(['Buy milk']);
    expect(titles('phone')).toEqual(['Call plumber']);
  });

  it('matches sub-tasks', () => {
    const child = task({ title: 'Child', parentId: tasks[0].id });
    const match = compileQuery('subtask', TODAY);
    expect([...tasks, child].filter(match).map((t) => t.title)).toEqual(['Child']);
  });

  it('matches nothing with a query that does not parse', () => {
    expect(tasks.filter(compileQuery('p1 &', TODAY))).toEqual([]);
  });
});
