// The orders a view can be sorted in. Every comparator ends in the manual order (then creation time and
// id), so a sort is total and stable across replicas. Within one day, timed tasks come first in time order.
import type { Task } from './task';

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Manual order first, then creation time, then id so the order is total. */
export function compareByOrder(a: Task, b: Task): number {
  return a.order - b.order || cmp(a.createdAt, b.createdAt) || cmp(a.id, b.id);
}

export const SORT_KEYS = ['manual', 'due', 'priority', 'name'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export function isSortKey(value: unknown): value is SortKey {
  return (SORT_KEYS as readonly unknown[]).includes(value);
}

/** Due ascending, no date last; on one day timed tasks first (by time), then all-day ones. */
function compareByDue(a: Task, b: Task): number {
  if (a.due === b.due) return 0;
  if (a.due === null) return 1;
  if (b.due === null) return -1;
  const day = a.due.slice(0, 10).localeCompare(b.due.slice(0, 10));
  return day || compareTimeOfDay(a, b);
}

/** Within one day: timed tasks first, in time order; all-day tasks tie (the caller's next key decides). */
function compareTimeOfDay(a: Task, b: Task): number {
  const ta = a.due !== null && a.due.length > 10 ? a.due.slice(11) : null;
  const tb = b.due !== null && b.due.length > 10 ? b.due.slice(11) : null;
  if (ta === tb) return 0;
  if (ta === null) return 1;
  if (tb === null) return -1;
  return ta < tb ? -1 : 1;
}

const byName = (a: Task, b: Task) =>
  a.title.localeCompare(b.title, undefined, { sensitivity: 'base', numeric: true });

const COMPARATORS: Record<SortKey, (a: Task, b: Task) => number> = {
  manual: compareByOrder,
  due: (a, b) => compareByDue(a, b) || a.priority - b.priority || compareByOrder(a, b),
  priority: (a, b) => a.priority - b.priority || compareByDue(a, b) || compareByOrder(a, b),
  name: (a, b) => byName(a, b) || compareByOrder(a, b),
};

export function compareBy(key: SortKey): (a: Task, b: Task) => number {
  return COMPARATORS[key];
}

/** The order inside one day's group: timed tasks by time first, then the chosen order. */
export function compareWithinDay(key: SortKey): (a: Task, b: Task) => number {
  const then = COMPARATORS[key];
  return (a, b) => compareTimeOfDay(a, b) || then(a, b);
}
