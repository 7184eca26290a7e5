import { describe, expect, it } from 'vitest';
import { addDays, dueDay, localDay } from './calendar';
import { createTask } from './task';
import type { Task, TaskFields } from './task';
import { countForNav, countNames, selectView } from './testing/view-reference';
import { groupByDays, groupForView, matchesView, weekOf } from './views';

const TODAY = '2026-11-26';
let n = 0;
function task(
  fields: Partial<TaskFields> & { title: string },
  createdAt = '2026-11-20T09:00:00.000Z',
): Task {
  n += 1;
  return createTask(fields, {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    now: createdAt,
  });
}
const DONE = '2026-11-25T10:00:00.000Z';

describe('days', () => {
  it('reads the local calendar day and adds days across months, years and leap days', () => {
    expect(localDay(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(dueDay('2026-11-26T07:30')).toBe('2026-11-26');
  });
});

describe('view membership', () => {
  const inbox = task({ title: 'inbox' });
  const work = task({ title: 'work', project: 'Work', labels: ['deep'] });
  const overdue = task({ title: 'overdue', due: '2026-11-20', project: 'Work' });
  const todayTimed = task({ title: 'timed', due: '2026-11-26T18:00' });
  const tomorrow = task({ title: 'tomorrow', due: '2026-11-27' });
  const later = task({ title: 'later', due: '2027-01-10' });
  const done = task({ title: 'done', completedAt: DONE, labels: ['deep'] });
  const deleted = task({ title: 'deleted', deletedAt: DONE, due: TODAY });
  const all = [inbox, work, overdue, todayTimed, tomorrow, later, done, deleted];
  const titles = (ts: Task[]) => ts.map((t) => t.title).sort();

  it('Inbox holds open tasks without a project', () => {
    expect(titles(selectView({ kind: 'inbox' }, all, TODAY))).toEqual(
      ['inbox', 'later', 'timed', 'tomorrow'].sort(),
    );
  });
  it('Today holds open tasks due today (timed too) or overdue', () => {
    expect(titles(selectView({ kind: 'today' }, all, TODAY))).toEqual(['overdue', 'timed']);
  });
  it('Upcoming holds open tasks due after today', () => {
    expect(titles(selectView({ kind: 'upcoming' }, all, TODAY))).toEqual(['later', 'tomorrow']);
  });
  it('project and label views hold open tasks only', () => {
    expect(titles(selectView({ kind: 'project', project: 'Work' }, all, TODAY))).toEqual([
      'overdue',
      'work',
    ]);
    expect(titles(selectView({ kind: 'label', label: 'deep' }, all, TODAY))).toEqual(['work']);
  });
  it('Completed holds completed, not deleted tasks', () => {
    expect(titles(selectView({ kind: 'completed' }, all, TODAY))).toEqual(['done']);
    expect(matchesView({ kind: 'completed' }, { ...done, deletedAt: DONE }, TODAY)).toBe(false);
  });
  it('counts the navigation', () => {
    expect(countForNav(all, TODAY)).toEqual({ inbox: 4, today: 2, upcoming: 2 });
  });
});

describe('search', () => {
  const t = task({
    title: 'Email Priya about the Report',
    notes: 'budget numbers',
    labels: ['Work'],
  });
  it('matches every word, case-insensitively, across title, notes and labels', () => {
    const finds = (query: string) => matchesView({ kind: 'search', query }, t, TODAY);
    expect(finds('report')).toBe(true);
    expect(finds('  PRIYA   budget ')).toBe(true);
    expect(finds('work report')).toBe(true);
    expect(finds('priya holiday')).toBe(false);
    expect(finds('   ')).toBe(false);
  });
  it('finds open and completed tasks, never deleted ones', () => {
    const view = { kind: 'search' as const, query: 'report' };
    expect(matchesView(view, { ...t, completedAt: DONE }, TODAY)).toBe(true);
    expect(matchesView(view, { ...t, deletedAt: DONE }, TODAY)).toBe(false);
  });
});

describe('sorting and grouping', () => {
  it('sorts by order, then creation time', () => {
    const a = task({ title: 'a', order: 2 }, '2026-11-20T09:00:00.000Z');
    const b = task({ title: 'b', order: 1 }, '2026-11-22T09:00:00.000Z');
    const c = task({ title: 'c', order: 1 }, '2026-11-21T09:00:00.000Z');
    expect(selectView({ kind: 'inbox' }, [a, b, c], TODAY).map((x) => x.title)).toEqual([
      'c',
      'b',
      'a',
    ]);
  });

  it('sorts Completed most recent first', () => {
    const older = task({ title: 'older', completedAt: '2026-11-01T00:00:00.000Z' });
    const newer = task({ title: 'newer', completedAt: '2026-11-02T00:00:00.000Z' });
    expect(selectView({ kind: 'completed' }, [older, newer], TODAY).map((x) => x.title)).toEqual([
      'newer',
      'older',
    ]);
  });

  it('groups Today into overdue and today, and Upcoming by day', () => {
    const over = task({ title: 'over', due: '2026-11-01' });
    const now = task({ title: 'now', due: '2026-11-26T09:00' });
    const d1 = task({ title: 'd1', due: '2026-11-28', order: 2 });
    const d1b = task({ title: 'd1b', due: '2026-11-28T08:00', order: 1 });
    const d2 = task({ title: 'd2', due: '2026-11-27' });
    const today = groupForView({ kind: 'today' }, [now, over], TODAY);
    expect(today.map((g) => [g.key, g.day, g.tasks.map((t) => t.title)])).toEqual([
      ['overdue', null, ['over']],
      [TODAY, TODAY, ['now']],
    ]);
    // Overdue in date order (oldest first), the manual order within a day, so Today pages by day.
    const older = task({ title: 'older', due: '2026-10-30', order: 9 });
    const sameDay = task({ title: 'same day', due: '2026-11-01', order: -1 });
    const overdue = groupForView({ kind: 'today' }, [over, older, sameDay], TODAY)[0];
    expect(overdue.tasks.map((t) => t.title)).toEqual(['older', 'same day', 'over']);
    expect(groupForView({ kind: 'today' }, [], TODAY)).toEqual([
      { key: TODAY, day: TODAY, tasks: [] },
    ]);
    const upcoming = groupForView({ kind: 'upcoming' }, [d1, d2, d1b], TODAY);
    expect(upcoming.map((g) => [g.day, g.tasks.map((t) => t.title)])).toEqual([
      ['2026-11-27', ['d2']],
      ['2026-11-28', ['d1b', 'd1']],
    ]);
    expect(groupForView({ kind: 'inbox' }, [d1], TODAY)).toEqual([
      { key: 'all', day: null, tasks: [d1] },
    ]);
  });

  it('sorts inside Upcoming days by the chosen key, timed tasks first', () => {
    const a = task({ title: 'a', due: '2026-11-28', priority: 3, order: 1 });
    const b = task({ title: 'b', due: '2026-11-28', priority: 1, order: 2 });
    const c = task({ title: 'c', due: '2026-11-28T07:00', priority: 4, order: 3 });
    const days = (sort: 'manual' | 'priority') =>
      groupForView({ kind: 'upcoming' }, [a, b, c], TODAY, sort).map((g) =>
        g.tasks.map((t) => t.title),
      );
    expect(days('manual')).toEqual([['c', 'a', 'b']]);
    expect(days('priority')).toEqual([['c', 'b', 'a']]);
  });

  it('lays out a week, Monday first, with every day even when empty', () => {
    expect(weekOf('2026-11-26')).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
    ]);
    expect(weekOf('2026-11-29')[0]).toBe('2026-11-23');
    expect(weekOf('2026-11-30')[0]).toBe('2026-11-30');
    const t = task({ title: 'x', due: '2026-11-27T10:00' });
    const week = groupByDays([t], weekOf('2026-11-26'));
    expect(week.map((g) => g.tasks.length)).toEqual([0, 0, 0, 0, 1, 0, 0]);
  });

  it('puts timed tasks in time order within a day, before the untimed ones', () => {
    const evening = task({ title: '17:00', due: '2026-11-27T17:00', order: 1 });
    const morning = task({ title: '09:00', due: '2026-11-27T09:00', order: 2 });
    const early = task({ title: '07:00', due: '2026-11-27T07:00', order: 3 });
    const anytime = task({ title: 'anytime', due: '2026-11-27', order: 0 });
    const later = task({ title: 'later', due: '2026-11-27', order: 4 });
    const titles = (view: 'today' | 'upcoming', today: string) =>
      groupForView({ kind: view }, [evening, later, morning, anytime, early], today).map((g) =>
        g.tasks.map((t) => t.title),
      );
    const inOrder = ['07:00', '09:00', '17:00', 'anytime', 'later'];
    expect(titles('upcoming', TODAY)).toEqual([inOrder]);
    expect(titles('today', '2026-11-27')).toEqual([inOrder]);
  });

  it('counts names, sorted case-insensitively', () => {
    expect(countNames(['work', 'Home', 'work', 'errands'])).toEqual([
      { name: 'errands', count: 1 },
      { name: 'Home', count: 1 },
      { name: 'work', count: 2 },
    ]);
  });
});
