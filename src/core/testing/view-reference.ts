// The views computed over a plain list of tasks: the reference the IndexedDB queries (src/db/queries.ts)
// are tested against, so each query must give what a filter and sort over every task would.
import type { Task } from '../task';
import { matchesView, sortForView, sortNamedCounts } from '../views';
import type { NamedCount, NavCounts, ViewSpec } from '../views';

/** The filtered, sorted tasks of a view over any task list (the in-memory reference). */
export function selectView(view: ViewSpec, tasks: Task[], today: string): Task[] {
  return sortForView(
    view,
    tasks.filter((t) => matchesView(view, t, today)),
  );
}

/** Navigation counts over any task list (the in-memory reference). */
export function countForNav(tasks: Task[], today: string): NavCounts {
  const count = (view: ViewSpec) => tasks.filter((t) => matchesView(view, t, today)).length;
  return {
    inbox: count({ kind: 'inbox' }),
    today: count({ kind: 'today' }),
    upcoming: count({ kind: 'upcoming' }),
  };
}

/** Open-task counts per name, sorted by name (case-insensitive). */
export function countNames(names: Iterable<string>): NamedCount[] {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return sortNamedCounts([...counts].map(([name, count]) => ({ name, count })));
}
