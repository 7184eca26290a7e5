// What each view shows, as pure functions over tasks: the reference for the Dexie queries in
// src/db/queries.ts (which use indexes to fetch the same sets fast) and for live updates in the UI.
import { addDays, dueDay } from './calendar';
import { matchesQuery } from './filter/evaluate';
import { compareBy, compareByOrder, compareWithinDay, cmp } from './sort';
import type { SortKey } from './sort';
import type { Task } from './task';

export type ViewSpec =
  | { kind: 'inbox' }
  | { kind: 'today' }
  | { kind: 'upcoming' }
  | { kind: 'project'; project: string }
  | { kind: 'label'; label: string }
  | { kind: 'completed' }
  | { kind: 'search'; query: string };

/** A run of tasks under one heading: `day` is set for day groups (Today, Upcoming). */
export interface TaskGroup {
  /** 'overdue', 'all', or the day `YYYY-MM-DD`. */
  key: string;
  day: string | null;
  tasks: Task[];
}

export interface NavCounts {
  inbox: number;
  today: number;
  upcoming: number;
}

export interface NamedCount {
  name: string;
  /** Open tasks carrying this project or label. */
  count: number;
}

export function isOpen(task: Task): boolean {
  return task.completedAt === null && task.deletedAt === null;
}

function isDueByDay(task: Task, today: string): boolean {
  return task.due !== null && dueDay(task.due) <= today;
}

/** Whether a task belongs in a view on `today` (local `YYYY-MM-DD`). */
export function matchesView(view: ViewSpec, task: Task, today: string): boolean {
  switch (view.kind) {
    case 'inbox':
      return isOpen(task) && task.project === null;
    case 'today':
      return isOpen(task) && isDueByDay(task, today);
    case 'upcoming':
      return isOpen(task) && task.due !== null && dueDay(task.due) > today;
    case 'project':
      return isOpen(task) && task.project === view.project;
    case 'label':
      return isOpen(task) && task.labels.includes(view.label);
    case 'completed':
      return task.deletedAt === null && task.completedAt !== null;
    case 'search':
      return task.deletedAt === null && matchesQuery(view.query, task, today);
  }
}

export { compareByOrder };

/** Most recently completed first. */
function compareByCompleted(a: Task, b: Task): number {
  return cmp(b.completedAt ?? '', a.completedAt ?? '') || compareByOrder(a, b);
}

/** The view's tasks in the chosen order (Completed is always newest first). */
export function sortForView(view: ViewSpec, tasks: Task[], sort: SortKey = 'manual'): Task[] {
  return [...tasks].sort(view.kind === 'completed' ? compareByCompleted : compareBy(sort));
}

/**
 * Splits a view's tasks into headed groups: Today into overdue + today, Upcoming into one group per
 * day, anything else into one group `all`. Tasks are sorted within each group (in a day's group, timed
 * tasks first in time order).
 */
export function groupForView(
  view: ViewSpec,
  tasks: Task[],
  today: string,
  sort: SortKey = 'manual',
): TaskGroup[] {
  const sorted = sortForView(view, tasks, sort);
  const inDayOrder = (list: Task[]) => list.sort(compareWithinDay(sort));
  if (view.kind === 'today') {
    // In manual order the overdue tasks come oldest day first (manual within a day), so Today reads
    // one page of its date index like Upcoming instead of every overdue task a long history holds.
    const overdue = sorted.filter((t) => t.due !== null && dueDay(t.due) < today);
    if (sort === 'manual') overdue.sort((a, b) => cmp(dueDay(a.due!), dueDay(b.due!)));
    const due = inDayOrder(sorted.filter((t) => t.due !== null && dueDay(t.due) === today));
    const groups: TaskGroup[] = [];
    if (overdue.length) groups.push({ key: 'overdue', day: null, tasks: overdue });
    groups.push({ key: today, day: today, tasks: due });
    return groups;
  }
  if (view.kind === 'upcoming') {
    const byDay = tasksByDay(sorted);
    return [...byDay.keys()]
      .sort()
      .map((day) => ({ key: day, day, tasks: inDayOrder(byDay.get(day)!) }));
  }
  return [{ key: 'all', day: null, tasks: sorted }];
}

function tasksByDay(tasks: Task[]): Map<string, Task[]> {
  const byDay = new Map<string, Task[]>();
  for (const task of tasks) {
    if (task.due === null) continue;
    const day = dueDay(task.due);
    const list = byDay.get(day) ?? [];
    list.push(task);
    byDay.set(day, list);
  }
  return byDay;
}

/** One group for each of `days` (empty days included), for the week view. */
export function groupByDays(tasks: Task[], days: string[], sort: SortKey = 'manual'): TaskGroup[] {
  const byDay = tasksByDay([...tasks].sort(compareBy(sort)));
  return days.map((day) => ({
    key: day,
    day,
    tasks: (byDay.get(day) ?? []).sort(compareWithinDay(sort)),
  }));
}

/** The seven days of the week holding `day`, Monday first. */
export function weekOf(day: string): string[] {
  const [y, m, d] = day.split('-').map(Number);
  const monday = addDays(day, -((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7));
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

export function sortNamedCounts<T extends NamedCount>(list: T[]): T[] {
  return [...list].sort(
    (a, b) =>
      a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || cmp(a.name, b.name),
  );
}
