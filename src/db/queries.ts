// The views as IndexedDB queries: each is one range of one index (see the schema in database.ts),
// then the pure sorting and grouping of src/core/views.ts. Wrap them in Dexie's `liveQuery` for live UI.
import Dexie from 'dexie';
import type { Collection } from 'dexie';
import { addDays } from '../core/calendar';
import { groupForView, matchesSearch, sortForView, sortNamedCounts } from '../core/views';
import type { NamedCount, NavCounts, TaskGroup, ViewSpec } from '../core/views';
import type { Task } from '../core/task';
import type { TaskRecord } from '../core/merge';
import type { TendDb } from './database';
import { storedToTask } from './task-index';
import type { StoredTask } from './task-index';

export interface ViewQueryOptions {
  /** The user's local day, `YYYY-MM-DD`. */
  today: string;
  /** Most rows to return (Completed can grow without bound); all when omitted. */
  limit?: number;
}

type TaskCollection = Collection<StoredTask, string, TaskRecord>;

function viewCollection(db: TendDb, view: ViewSpec, today: string): TaskCollection {
  const { minKey, maxKey } = Dexie;
  switch (view.kind) {
    case 'inbox':
      return db.tasks.where('[status+projectKey]').equals(['open', '']);
    case 'project':
      return db.tasks.where('[status+projectKey]').equals(['open', view.project]);
    case 'today':
      // `\uffff` sorts after any `THH:mm` suffix, so timed tasks of today are included.
      return db.tasks
        .where('[status+due]')
        .between(['open', minKey], ['open', `${today}\uffff`], true, true);
    case 'upcoming':
      return db.tasks
        .where('[status+due]')
        .between(['open', addDays(today, 1)], ['open', maxKey], true, true);
    case 'label':
      return db.tasks.where('openLabels').equals(view.label);
    case 'completed':
      return db.tasks
        .where('[status+completedAt]')
        .between(['done', minKey], ['done', maxKey], true, true)
        .reverse();
    case 'search':
      // Substring search has no index to use; open and done tasks are the two adjacent statuses.
      return db.tasks
        .where('[status+projectKey]')
        .between(['done', minKey], ['open', maxKey], true, true);
  }
}

/** The sorted tasks of a view. */
export async function queryView(
  db: TendDb,
  view: ViewSpec,
  { today, limit }: ViewQueryOptions,
): Promise<Task[]> {
  let collection = viewCollection(db, view, today);
  if (view.kind === 'search') {
    // Stored rows carry title, notes and labels, so only the matches are converted.
    const rows = await collection.toArray();
    const matches = rows.filter((row) => matchesSearch(row as unknown as Task, view.query));
    const found = sortForView(view, matches.map(storedToTask));
    return limit === undefined ? found : found.slice(0, limit);
  }
  // Completed is read newest first from its index, so a limit keeps the most recent.
  if (limit !== undefined && view.kind === 'completed') collection = collection.limit(limit);
  const sorted = sortForView(view, (await collection.toArray()).map(storedToTask));
  return limit === undefined ? sorted : sorted.slice(0, limit);
}

/** The view split under headings (overdue/today, one per day in Upcoming). */
export async function queryViewGroups(
  db: TendDb,
  view: ViewSpec,
  options: ViewQueryOptions,
): Promise<TaskGroup[]> {
  return groupForView(view, await queryView(db, view, options), options.today);
}

/** Counts for the navigation, from index ranges only (no rows read). */
export async function countNav(db: TendDb, today: string): Promise<NavCounts> {
  const [inbox, todayCount, upcoming, completed] = await Promise.all(
    (['inbox', 'today', 'upcoming', 'completed'] as const).map((kind) =>
      viewCollection(db, { kind }, today).count(),
    ),
  );
  return { inbox, today: todayCount, upcoming, completed };
}

/** Projects with open tasks, with their open counts, sorted by name. */
export async function listProjects(db: TendDb): Promise<NamedCount[]> {
  const index = db.tasks.where('[status+projectKey]');
  // Distinct keys, then one native count each: walking every key with a cursor is far slower.
  const keys = await index.between(['open', ''], ['open', Dexie.maxKey], false, true).uniqueKeys();
  const counts = await Promise.all(keys.map((key) => index.equals(key).count()));
  return countedNames(
    keys.map((key) => (key as unknown as [string, string])[1]),
    counts,
  );
}

/** Labels on open tasks, with their open counts, sorted by name. */
export async function listLabels(db: TendDb): Promise<NamedCount[]> {
  const keys = (await db.tasks.orderBy('openLabels').uniqueKeys()) as string[];
  const counts = await Promise.all(
    keys.map((key) => db.tasks.where('openLabels').equals(key).count()),
  );
  return countedNames(keys, counts);
}

function countedNames(names: string[], counts: number[]): NamedCount[] {
  return sortNamedCounts(names.map((name, i) => ({ name, count: counts[i] })));
}
