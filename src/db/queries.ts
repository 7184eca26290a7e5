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
import { projectNameKey } from '../core/project-id';
import type { TendDb } from './database';
import { projectLookup } from './project-lookup';
import type { ProjectLookup } from './project-lookup';
import { storedToTask } from './task-index';
import type { StoredTask } from './task-index';

/**
 * Open tasks keyed by any of `keys` (project ids, '' for none). One `equals` range per key, not
 * `anyOf`: live queries did not re-run on writes inside an `anyOf` range of this compound index.
 */
function openIn(db: TendDb, keys: string[]): TaskCollection[] {
  return keys.map((key) => db.tasks.where('[status+projectKey]').equals(['open', key]));
}

async function rowsOf(collections: TaskCollection[]): Promise<StoredTask[]> {
  return (await Promise.all(collections.map((c) => c.toArray()))).flat();
}

/** Ids of the live projects named `name` (ignoring case and surrounding space). */
function idsNamed(lookup: ProjectLookup, name: string): string[] {
  const key = projectNameKey(name);
  return [...lookup.live.values()]
    .filter((p) => projectNameKey(p.name as string) === key)
    .map((p) => p.id);
}

export interface ViewQueryOptions {
  /** The user's local day, `YYYY-MM-DD`. */
  today: string;
  /** Most rows to return (Completed can grow without bound); all when omitted. */
  limit?: number;
  /** The order within the view (groups stay in day order); manual when omitted. */
  sort?: SortKey;
}

type TaskCollection = Collection<StoredTask, string, TaskRecord>;

function viewCollections(
  db: TendDb,
  view: ViewSpec,
  today: string,
  lookup?: ProjectLookup,
): TaskCollection[] {
  if (view.kind === 'inbox') return openIn(db, ['', ...(lookup?.gone ?? [])]);
  if (view.kind === 'project') return openIn(db, lookup ? idsNamed(lookup, view.project) : []);
  return [viewCollection(db, view, today)];
}

function viewCollection(
  db: TendDb,
  view: Exclude<ViewSpec, { kind: 'inbox' | 'project' }>,
  today: string,
): TaskCollection {
  const { minKey, maxKey } = Dexie;
  switch (view.kind) {
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

/** One task as views show it (its project's current name), or null while it is partial or missing. */
export async function queryTask(db: TendDb, id: string): Promise<Task | null> {
  const [stored, { read }] = await Promise.all([db.tasks.get(id), projectLookup(db)]);
  return stored && stored.status !== 'partial' ? read(stored) : null;
}

/** The sorted tasks of a view. */
export async function queryView(
  db: TendDb,
  view: ViewSpec,
  { today, limit, sort }: ViewQueryOptions,
): Promise<Task[]> {
  const lookup = await projectLookup(db);
  let collections = viewCollections(db, view, today, lookup);
  if (view.kind === 'search') {
    const match = compileQuery(view.query, today);
    const matches = (await rowsOf(collections)).map(lookup.read).filter(match);
    const found = sortForView(view, matches, sort);
    return limit === undefined ? found : found.slice(0, limit);
  }
  // Completed is read newest first from its index, so a limit keeps the most recent.
  if (limit !== undefined && view.kind === 'completed')
    collections = collections.map((c) => c.limit(limit));
  const sorted = sortForView(view, (await rowsOf(collections)).map(lookup.read), sort);
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
  const lookup = await projectLookup(db);
  const [inbox, todayCount, upcoming, completed] = await Promise.all(
    (['inbox', 'today', 'upcoming', 'completed'] as const).map((kind) =>
      Promise.all(viewCollections(db, { kind }, today, lookup).map((c) => c.count())).then(
        (counts) => counts.reduce((a, b) => a + b, 0),
      ),
    ),
  );
  return { inbox, today: todayCount, upcoming, completed };
}

/** A project as the sidebar and the project page show it. */
export interface ProjectSummary extends NamedCount {
  id: string;
  colour: string;
  order: number;
  archived: boolean;
  parentId: string | null;
}

/** Live projects (archived ones included, flagged) with their open counts, in the user's order. */
export async function listProjectSummaries(db: TendDb): Promise<ProjectSummary[]> {
  const { live } = await projectLookup(db);
  const index = db.tasks.where('[status+projectKey]');
  const ids = [...live.keys()];
  const counts = await Promise.all(ids.map((id) => index.equals(['open', id]).count()));
  const summaries = ids.map((id, i): ProjectSummary => {
    const p = live.get(id)!;
    return {
      id,
      name: p.name as string,
      count: counts[i],
      colour: p.colour ?? 'grey',
      order: p.order ?? 0,
      archived: p.archived ?? false,
      parentId: p.parentId ?? null,
    };
  });
  return summaries.sort(
    (a, b) =>
      a.order - b.order ||
      a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) ||
      (a.id < b.id ? -1 : 1),
  );
}

/** Projects that are not archived, with their open counts, sorted by name (pickers, filters). */
export async function listProjects(db: TendDb): Promise<NamedCount[]> {
  const summaries = await listProjectSummaries(db);
  return sortNamedCounts(
    summaries.filter((p) => !p.archived).map(({ name, count }) => ({ name, count })),
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
  const [rows, { read }] = await Promise.all([
    db.tasks.where('parentId').equals(parentId).toArray(),
    projectLookup(db),
  ]);
  const shown = rows.filter((r) => r.status === 'open' || r.status === 'done').map(read);
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
  const [rows, { read }] = await Promise.all([
    db.tasks
      .where('[status+due]')
      .between(['open', first], ['open', `${last}\uffff`], true, true)
      .toArray(),
    projectLookup(db),
  ]);
  return rows.map(read);
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
  const { read } = await projectLookup(db);
  const tasks = rows.filter((row) => typeof row.title === 'string').map(read);
  tasks.sort((a, b) => ((a.deletedAt ?? '') < (b.deletedAt ?? '') ? 1 : -1));
  return tasks.slice(0, limit);
}
