// The views as IndexedDB queries: each is one range of one index (see the schema in database.ts),
// then the pure sorting and grouping of src/core/views.ts. Wrap them in Dexie's `liveQuery` for live UI.
import type { Collection } from 'dexie';
import { addDays } from '../core/calendar';
import { compileQuery } from '../core/filter/evaluate';
import { isPlainSearch, parseFilter } from '../core/filter/parse';
import type { FilterNode } from '../core/filter/parse';
import { descendantsOf, parentLinks } from '../core/hierarchy';
import type { SortKey } from '../core/sort';
import { groupForView, sortForView, sortNamedCounts } from '../core/views';
import type { NamedCount, NavCounts, TaskGroup, ViewSpec } from '../core/views';
import type { Task } from '../core/task';
import type { TaskRecord } from '../core/merge';
import { projectNameKey } from '../core/project-id';
import type { Section } from '../core/section';
import { searchTokens } from '../core/search-words';
import type { TendDb } from './database';
import { MAX_KEY, MIN_KEY, waitFor } from './key-range';
import { labelIdsNamed, projectLookup } from './project-lookup';
import type { ProjectLookup } from './project-lookup';
import { storedToTask } from './task-index';
import type { StoredTask } from './task-index';

/**
 * Open tasks keyed by any of `keys` (project ids, '' for none), each in manual order. One range per
 * key, not `anyOf`: live queries did not re-run on writes inside an `anyOf` range of a compound index.
 */
function openIn(db: TendDb, keys: string[]): TaskCollection[] {
  return keys.map((key) =>
    db.tasks
      .where('[status+projectKey+order]')
      .between(['open', key, -Infinity], ['open', key, Infinity], true, true),
  );
}

/** Open tasks that have the label `id` (legacy names index as the id they resolve to). */
function labelled(db: TendDb, id: string): TaskCollection {
  return db.tasks.where('openLabels').equals(id);
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

interface ViewQueryOptions {
  /** The user's local day, `YYYY-MM-DD`. */
  today: string;
  /**
   * Most rows to return: the first page of the view in its order, read through an index where the
   * order allows it (Inbox and projects in manual order, Upcoming by day, Completed newest first), so
   * the cost follows the page and not the tasks stored; all when omitted.
   */
  limit?: number;
  /** The order within the view (groups stay in day order); manual when omitted. */
  sort?: SortKey;
  /** `false`: leave the page's total out (null), except for search (see `countView`). */
  withTotal?: boolean;
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
  if (view.kind === 'label')
    return lookup ? labelIdsNamed(lookup, view.label).map((id) => labelled(db, id)) : [];
  return [viewCollection(db, view, today)];
}

function viewCollection(
  db: TendDb,
  view: Exclude<ViewSpec, { kind: 'inbox' | 'project' | 'label' }>,
  today: string,
): TaskCollection {
  switch (view.kind) {
    case 'today':
      // `\uffff` sorts after any `THH:mm` suffix, so timed tasks of today are included.
      return db.tasks
        .where('[status+due]')
        .between(['open', MIN_KEY], ['open', `${today}\uffff`], true, true);
    case 'upcoming':
      return db.tasks
        .where('[status+due]')
        .between(['open', addDays(today, 1)], ['open', MAX_KEY], true, true);
    case 'completed':
      return db.tasks
        .where('[status+completedAt]')
        .between(['done', MIN_KEY], ['done', MAX_KEY], true, true)
        .reverse();
    case 'search':
      // Substring search has no index to use; open and done tasks are the two adjacent statuses.
      return db.tasks
        .where('[status+projectKey]')
        .between(['done', MIN_KEY], ['open', MAX_KEY], true, true);
  }
}

/** One task as views show it (its project's current name), or null while it is partial or missing. */
export async function queryTask(db: TendDb, id: string): Promise<Task | null> {
  const [stored, { read }] = await Promise.all([db.tasks.get(id), projectLookup(db)]);
  return stored && stored.status !== 'partial' ? read(stored) : null;
}

/**
 * The first `limit` rows of a view whose index order is the view's order (from each of its ranges),
 * plus the rows that tie with a range's last one (same manual order, same day), so the page sorts and
 * groups exactly like the whole view.
 */
async function readPage(
  db: TendDb,
  collections: TaskCollection[],
  view: ViewSpec,
  limit: number,
): Promise<StoredTask[]> {
  const pages = await Promise.all(
    collections.map(async (collection) => {
      const rows = await collection.limit(limit).toArray();
      if (rows.length < limit) return rows;
      const last = rows[rows.length - 1];
      let ties: StoredTask[] = [];
      if ((view.kind === 'upcoming' || view.kind === 'today') && last.due) {
        const day = last.due.slice(0, 10);
        ties = await db.tasks
          .where('[status+due]')
          .between(['open', day], ['open', `${day}\uffff`], true, true)
          .toArray();
      } else if (view.kind === 'inbox' || view.kind === 'project') {
        const key = ['open', last.projectKey, last.order];
        ties = await db.tasks
          .where('[status+projectKey+order]')
          .between(key, key, true, true)
          .toArray();
      }
      const seen = new Set(rows.map((r) => r.id));
      return [...rows, ...ties.filter((r) => !seen.has(r.id))];
    }),
  );
  return pages.flat();
}

/**
 * Views whose index order is their order, so a page of the index is a page of the view. Upcoming and
 * Today (overdue days oldest first in manual order) read whole days, which group exactly as the view.
 */
function pagesByIndex(view: ViewSpec, sort: SortKey): boolean {
  if (view.kind === 'completed') return true;
  if (view.kind === 'upcoming') return true;
  return sort === 'manual' && ['inbox', 'project', 'today'].includes(view.kind);
}

/** The sorted tasks of a view. */
export async function queryView(
  db: TendDb,
  view: ViewSpec,
  { today, limit, sort = 'manual' }: ViewQueryOptions,
): Promise<Task[]> {
  const lookup = await projectLookup(db);
  if (view.kind === 'search')
    return (await searchTasks(db, lookup, view.query, today, sort, limit)).tasks;
  const collections = viewCollections(db, view, today, lookup);
  const rows =
    limit !== undefined && pagesByIndex(view, sort)
      ? await readPage(db, collections, view, limit)
      : await rowsOf(collections);
  const sorted = sortForView(view, rows.map(lookup.read), sort);
  // Upcoming and Today keep whole days (their groups); the others cut at the limit.
  return limit === undefined || view.kind === 'upcoming' || view.kind === 'today'
    ? sorted
    : sorted.slice(0, limit);
}

interface ViewPage {
  groups: TaskGroup[];
  /** Tasks in the whole view (the groups may hold only its first page); null when not asked for. */
  total: number | null;
}

async function countIn(collections: TaskCollection[]): Promise<number> {
  const counts = await Promise.all(collections.map((c) => c.count()));
  return counts.reduce((a, b) => a + b, 0);
}

/** A page of the view under its headings, with the view's total from index counts. */
export function queryViewPage(
  db: TendDb,
  view: ViewSpec,
  options: ViewQueryOptions,
): Promise<ViewPage> {
  // The user waits for these rows: background reads (the search index build) wait for them.
  return db.inForeground(() => readViewPage(db, view, options));
}

async function readViewPage(
  db: TendDb,
  view: ViewSpec,
  options: ViewQueryOptions,
): Promise<ViewPage> {
  const { today, sort = 'manual', limit } = options;
  if (view.kind === 'search') {
    const lookup = await projectLookup(db);
    const { tasks, total } = await searchTasks(db, lookup, view.query, today, sort, limit);
    return { groups: groupForView(view, tasks, today, sort), total };
  }
  const [tasks, total] = await Promise.all([
    queryView(db, view, options),
    options.withTotal === false ? null : countView(db, view, today),
  ]);
  return { groups: groupForView(view, tasks, today, sort), total };
}

/**
 * Tasks in a whole view from index counts (not search: its total comes with its rows). Counting walks
 * the index range (80,000 entries for Completed at 100,000 tasks), so views show their first rows
 * without waiting for it (`withTotal: false`) and count beside them.
 */
export async function countView(
  db: TendDb,
  view: Exclude<ViewSpec, { kind: 'search' }>,
  today: string,
): Promise<number> {
  return db.inForeground(async () => {
    const lookup = await projectLookup(db);
    return countIn(viewCollections(db, view, today, lookup));
  });
}

interface SearchResult {
  tasks: Task[];
  total: number;
}

/**
 * Tasks matching a search query (words and filters), in the view's order. With the search index
 * built, the words narrow the rows read to the tasks containing them (and, for plain words in manual
 * order, to the page shown); filters without words read open tasks only, as they match no others.
 */
async function searchTasks(
  db: TendDb,
  lookup: ProjectLookup,
  query: string,
  today: string,
  sort: SortKey,
  limit?: number,
): Promise<SearchResult> {
  const parsed = parseFilter(query);
  if (!parsed.ok) return { tasks: [], total: 0 };
  const spec: ViewSpec = { kind: 'search', query };
  const match = compileQuery(query, today);
  const found = (rows: (StoredTask | undefined)[]) =>
    sortForView(spec, rows.flatMap((r) => (r ? [lookup.read(r)] : [])).filter(match), sort);
  const page = (tasks: Task[]) => (limit === undefined ? tasks : tasks.slice(0, limit));
  const plain = isPlainSearch(parsed.filter);
  // Any write to an open or done task re-runs a live search (a limited read observes its whole range).
  const searched = viewCollection(db, spec, today);
  await searched.clone().limit(1).toArray();
  const words = requiredWords(parsed.filter);
  let indexed = db.searchIndex?.lookup(words) ?? null;
  if (words.length && indexed === null) {
    // Not built yet (it reads every task after the first paint): a word prefix the stored index
    // finds in few tasks answers now, and the substring matches follow once the build completes.
    const early = await prefixCandidates(db, words);
    if (early) {
      const all = found(early);
      return { tasks: page(all), total: all.length };
    }
    // Every word is too common to read its tasks: waiting for the build costs less than reading all.
    const index = db.searchIndex;
    if (index) {
      await waitFor(db, index.complete());
      // Null if the build failed: the rows are read below.
      indexed = index.lookup(words);
    }
  }
  if (indexed === null) {
    const open = db.tasks
      .where('[status+projectKey]')
      .between(['open', MIN_KEY], ['open', MAX_KEY], true, true);
    const all = found(await (plain ? searched : open).toArray());
    return { tasks: page(all), total: all.length };
  }
  // Single words with nothing else to check: every hit is a match, so only the page shown is read.
  const { hits } = indexed;
  if (plain && indexed.exact && sort === 'manual' && limit !== undefined) {
    let end = Math.min(limit, hits.length);
    while (end > 0 && end < hits.length && hits[end].order === hits[end - 1].order) end += 1;
    const rows = await db.tasks.bulkGet(hits.slice(0, end).map((h) => h.id));
    return { tasks: page(found(rows)), total: hits.length };
  }
  const all = found(await db.tasks.bulkGet(hits.map((h) => h.id)));
  return { tasks: page(all), total: all.length };
}

/** Most tasks one word prefix may find for the stored word index to answer a search alone. */
const PREFIX_CANDIDATES = 250;

/**
 * Open and completed tasks having a word that starts with each token of `words`, from the stored
 * `words` index: the intersection over the tokens found in at most PREFIX_CANDIDATES tasks (the
 * caller checks the rows against the whole query). Null when every token is that common.
 */
async function prefixCandidates(db: TendDb, words: string[]): Promise<StoredTask[] | null> {
  const tokens = [...new Set(words.flatMap(searchTokens))];
  const found = await Promise.all(
    tokens.map(async (token) => {
      const ids = await db.tasks
        .where('words')
        .startsWith(token)
        .limit(PREFIX_CANDIDATES + 1)
        .primaryKeys();
      return ids.length > PREFIX_CANDIDATES ? null : new Set(ids);
    }),
  );
  const sets = found.filter((set): set is Set<string> => set !== null);
  if (sets.length === 0) return null;
  sets.sort((a, b) => a.size - b.size);
  const ids = [...sets[0]].filter((id) => sets.every((set) => set.has(id)));
  const rows = await db.tasks.bulkGet(ids);
  return rows.filter(
    (row): row is StoredTask =>
      row !== undefined && (row.status === 'open' || row.status === 'done'),
  );
}

/** Text terms every match must contain: those joined by `and` at the top of the query. */
function requiredWords(node: FilterNode): string[] {
  if (node.op === 'term') return node.term.kind === 'text' ? [node.term.text] : [];
  if (node.op === 'and') return [...requiredWords(node.left), ...requiredWords(node.right)];
  return [];
}

/**
 * Counts for the navigation, from index ranges over open tasks only (no rows read): the completed
 * history, most of what a long-time user stores, is never counted at start.
 */
export async function countNav(db: TendDb, today: string): Promise<NavCounts> {
  const lookup = await projectLookup(db);
  const [inbox, todayCount, upcoming] = await Promise.all(
    (['inbox', 'today', 'upcoming'] as const).map((kind) =>
      countIn(viewCollections(db, { kind }, today, lookup)),
    ),
  );
  return { inbox, today: todayCount, upcoming };
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
  return namedProjects(await listProjectSummaries(db));
}

/** The projects of `summaries` that are not archived, as names with counts sorted by name. */
export function namedProjects(summaries: readonly ProjectSummary[]): NamedCount[] {
  return sortNamedCounts(
    summaries.filter((p) => !p.archived).map(({ name, count }) => ({ name, count })),
  );
}

/**
 * The section schemas (zod) load on the first read of a section, not with the page: no first paint
 * needs them. The read comes first, so a live query has already seen every table it depends on.
 */
const recordSchemas = () => import('../core/section');

/** The live sections of one project, in their order. */
export async function listProjectSections(db: TendDb, projectId: string): Promise<Section[]> {
  const records = await db.sections.where('projectId').equals(projectId).toArray();
  const { sectionsOfProject } = await recordSchemas();
  return sectionsOfProject(records, projectId);
}

/** The live sections of every project, by project id, each list in its order (quick add). */
export async function listSectionsByProject(db: TendDb): Promise<Map<string, Section[]>> {
  const byProject = new Map<string, Section[]>();
  const records = await db.sections.toArray();
  const { sectionsOfProject } = await recordSchemas();
  for (const projectId of new Set(records.map((r) => r.projectId)))
    if (projectId) byProject.set(projectId, sectionsOfProject(records, projectId));
  return byProject;
}

/** A label as the sidebar and the label page show it. */
export interface LabelSummary extends NamedCount {
  id: string;
  colour: string;
}

/** Live labels with their open counts (labels on no open task included), sorted by name. */
export async function listLabelSummaries(db: TendDb): Promise<LabelSummary[]> {
  const { labels } = await projectLookup(db);
  const ids = [...labels.keys()];
  const counts = await Promise.all(ids.map((id) => labelled(db, id).count()));
  const summaries = ids.map((id, i): LabelSummary => {
    const label = labels.get(id)!;
    return { id, name: label.name as string, count: counts[i], colour: label.colour ?? 'grey' };
  });
  return sortNamedCounts(summaries);
}

/** Labels with their open counts, sorted by name (sidebar, filters, quick-add suggestions). */
export async function listLabels(db: TendDb): Promise<NamedCount[]> {
  return (await listLabelSummaries(db)).map(({ name, count }) => ({ name, count }));
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

interface SubtaskCount {
  done: number;
  total: number;
}

/**
 * Completed and total sub-tasks per parent id (direct sub-tasks, deleted ones left out): "2/5".
 * `parentIds`: only under these parents (the rows loaded), so completed history elsewhere is not read.
 */
export async function countSubtasks(
  db: TendDb,
  parentIds?: readonly string[],
): Promise<Map<string, SubtaskCount>> {
  const rows = await (
    parentIds
      ? db.tasks.where('parentId').anyOf([...parentIds])
      : db.tasks.where('parentId').above('')
  ).toArray();
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

/**
 * How many comments each of `taskIds` shows (the rows loaded): live ones that have arrived whole. Read
 * without the comment schema, so the views stay free of it.
 */
export async function countComments(
  db: TendDb,
  taskIds: readonly string[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (taskIds.length === 0) return counts;
  const records = await db.comments
    .where('taskId')
    .anyOf([...taskIds])
    .toArray();
  for (const { taskId, text, postedAt, deletedAt } of records) {
    if (deletedAt || !taskId || text === undefined || postedAt === undefined) continue;
    counts.set(taskId, (counts.get(taskId) ?? 0) + 1);
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
    .between(['deleted', MIN_KEY], ['deleted', MAX_KEY], true, true)
    .toArray();
  // A record deleted before its title arrived (out-of-order sync) has nothing to show or restore.
  const { read } = await projectLookup(db);
  const tasks = rows.filter((row) => typeof row.title === 'string').map(read);
  tasks.sort((a, b) => ((a.deletedAt ?? '') < (b.deletedAt ?? '') ? 1 : -1));
  return tasks.slice(0, limit);
}
