// The views as IndexedDB queries: each is one range of one index (see the schema in database.ts),
// then the pure sorting and grouping of src/core/views.ts. Wrap them in Dexie's `liveQuery` for live UI.
import Dexie from 'dexie';
import type { Collection } from 'dexie';
import { addDays } from '../core/calendar';
import { compileQuery } from '../core/filter/evaluate';
import { descendantsOf, parentLinks } from '../core/hierarchy';
import type { SortKey } from '../core/sort';
import { groupForView, sortForView, sortNamedCounts } from '../core/views';
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
  /** The order within the view (groups stay in day order); manual when omitted. */
  sort?: SortKey;
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
  { today, limit, sort }: ViewQueryOptions,
): Promise<Task[]> {
  let collection = viewCollection(db, view, today);
  if (view.kind === 'search') {
    const match = compileQuery(view.query, today);
    const matches = (await collection.toArray()).map(storedToTask).filter(match);
    const found = sortForView(view, matches, sort);
    return limit === undefined ? found : found.slice(0, limit);
  }
  // Completed is read newest first from its index, so a limit keeps the most recent.
  if (limit !== undefined && view.kind === 'completed') collection = collection.limit(limit);
  const sorted = sortForView(view, (await collection.toArray()).map(storedToTask), sort);
  return limit === undefined ? sorted : sorted.slice(0, limit);
}

/** The view split under headings (overdue/today, one per day in Upcoming). */
export async function queryViewGroups(
  db: TendDb,
  view: ViewSpec,
  options: ViewQueryOptions,
): Promise<TaskGroup[]> {
  return groupForView(view, await queryView(db, view, options), options.today, options.sort);
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

/** Sub-tasks of one task (deleted ones left out), open first, each part in manual order. */
export async function querySubtasks(db: TendDb, parentId: string): Promise<Task[]> {
  const rows = await db.tasks.where('parentId').equals(parentId).toArray();
  const shown = rows.filter((r) => r.status === 'open' || r.status === 'done').map(storedToTask);
  return sortForView({ kind: 'inbox' }, shown).sort(
    (a, b) => Number(a.completedAt !== null) - Number(b.completedAt !== null),
  );
}

export interface SubtaskCount {
  done: number;
  total: number;
}

/** Completed and total sub-tasks per parent id (direct sub-tasks, deleted ones left out): "2/5". */
export async function countSubtasks(db: TendDb): Promise<Map<string, SubtaskCount>> {
  const rows = await db.tasks.where('parentId').above('').toArray();
  const counts = new Map<string, SubtaskCount>();
  for (const row of rows) {
    if (row.status !== 'open' && row.status !== 'done') continue;
    const count = counts.get(row.parentId as string) ?? { done: 0, total: 0 };
    count.total += 1;
    if (row.status === 'done') count.done += 1;
    counts.set(row.parentId as string, count);
  }
  return counts;
}

/** Every task under `taskId` that is not deleted, nearest first (a delete takes them along). */
export async function queryDescendants(db: TendDb, taskId: string): Promise<Task[]> {
  const rows = await db.tasks.where('parentId').above('').toArray();
  const live = rows.filter((r) => r.status === 'open' || r.status === 'done');
  const byId = new Map(live.map((r) => [r.id, r]));
  const ids = descendantsOf(parentLinks(live.map(storedToTask)), taskId);
  return ids.map((id) => storedToTask(byId.get(id)!));
}

/** Open tasks due from `first` to `last` (inclusive days), for the week view. */
export async function queryDays(db: TendDb, first: string, last: string): Promise<Task[]> {
  const rows = await db.tasks
    .where('[status+due]')
    .between(['open', first], ['open', `${last}\uffff`], true, true)
    .toArray();
  return rows.map(storedToTask);
}

/** A task's level in its tree (1 at top level), following stored parents that are not deleted. */
export async function queryLevel(db: TendDb, taskId: string): Promise<number> {
  let level = 1;
  const seen = new Set([taskId]);
  let parentId = (await db.tasks.get(taskId))?.parentId ?? null;
  while (parentId && !seen.has(parentId)) {
    seen.add(parentId);
    const parent = await db.tasks.get(parentId);
    if (!parent || parent.deletedAt) break;
    level += 1;
    parentId = parent.parentId ?? null;
  }
  return level;
}

/** Deleted tasks, most recently deleted first (the Trash). */
export async function queryTrash(db: TendDb, limit = 500): Promise<Task[]> {
  const rows = await db.tasks
    .where('[status+projectKey]')
    .between(['deleted', Dexie.minKey], ['deleted', Dexie.maxKey], true, true)
    .toArray();
  // A record deleted before its title arrived (out-of-order sync) has nothing to show or restore.
  const tasks = rows.filter((row) => typeof row.title === 'string').map(storedToTask);
  tasks.sort((a, b) => ((a.deletedAt ?? '') < (b.deletedAt ?? '') ? 1 : -1));
  return tasks.slice(0, limit);
}
