// One task view (Inbox, Today, Upcoming, a project, a label, Completed, Search): a live query of its
// tasks, a heading, the bulk bar, and the virtualised list or an empty state that says what to do.
import { For, Show, createEffect, createMemo, createSignal, lazy, on, onCleanup } from 'solid-js';
import type { JSX } from 'solid-js';
import { parseFilter } from '../../core/filter/parse';
import { SORT_KEYS } from '../../core/sort';
import type { SortKey } from '../../core/sort';
import { groupForView, matchesView } from '../../core/views';
import type { TaskGroup, ViewSpec } from '../../core/views';
import type { Task } from '../../core/task';
import { projectNameKey } from '../../core/project-id';
import {
  countComments,
  countSubtasks,
  listLabelSummaries,
  countView,
  listProjectSections,
  listProjectSummaries,
  namedProjects,
  queryViewPage,
} from '../../db/queries';
import { whenDatabasesReady } from '../../db/deferred-db';
import { inboxAtStart, VIEW_PAGE_SIZE } from '../../db/first-page';
import { useApp } from '../app-context';
import { createLive } from '../lib/live';
import { SECTION_WORDS, describeFilterError, plural } from '../messages';
import type { Route } from '../router';
import { TaskList } from '../tasks/TaskList';
import type { ListController } from '../tasks/TaskList';
import { createAppTaskActions } from '../tasks/actions';
import { ArchivedTasks } from './ArchivedTasks';
import { taskItems } from '../tasks/list-model';
import { createSubtaskPrompt } from '../tasks/CompleteSubtasksPrompt';
import { createSelection } from '../tasks/selection';
import { ViewError } from '../lib/ViewError';
import { FilterTools } from './FilterTools';
import { createViewPrefs } from './view-prefs';
import { NO_SECTION, projectSectionItems } from './section-groups';
import { emptyStateFor, listItemsFor, viewTitle } from './view-model';

// The bulk bar appears only once something is selected, so it stays out of the first paint's JS.
const BulkBar = lazy(() => import('../tasks/BulkBar').then((m) => ({ default: m.BulkBar })));
const ProjectTools = lazy(() =>
  import('../projects/ProjectTools').then((m) => ({ default: m.ProjectTools })),
);
const LabelTools = lazy(() =>
  import('../labels/LabelTools').then((m) => ({ default: m.LabelTools })),
);
// Reschedule shows only when Today has overdue tasks; the week view only when chosen.
const SectionTools = lazy(() =>
  import('../projects/SectionTools').then((m) => ({ default: m.SectionTools })),
);
const Reschedule = lazy(() =>
  import('../tasks/Reschedule').then((m) => ({ default: m.Reschedule })),
);
const WeekView = lazy(() => import('./WeekView').then((m) => ({ default: m.WeekView })));

const SORT_LABELS: Record<SortKey, string> = {
  manual: 'Manual order',
  due: 'Due date',
  priority: 'Priority',
  name: 'Name',
};

/**
 * Rows read per page: the first screen needs about 20, and the list asks for the next page as the
 * user scrolls near the end of what is loaded, so a view costs what has been shown, not what is stored.
 */
const PAGE = VIEW_PAGE_SIZE;

const REORDERABLE = new Set<ViewSpec['kind']>(['inbox', 'today', 'upcoming', 'project', 'label']);

interface ViewPageProps {
  route: Route;
  spec: ViewSpec;
  /** Overrides the title from the route (a saved filter's name). */
  title?: string;
}

/** The key a view's preferences are remembered under. */
function prefsKey(route: Route, spec: ViewSpec): string {
  if (route.view === 'filter') return `filter:${route.id}`;
  if (spec.kind === 'project') return `project:${spec.project}`;
  if (spec.kind === 'label') return `label:${spec.label}`;
  return spec.kind;
}

export function ViewPage(props: ViewPageProps): JSX.Element {
  const app = useApp();
  const selection = createSelection();
  const prompt = createSubtaskPrompt();
  const actions = createAppTaskActions(app, prompt.ask);
  const prefs = createViewPrefs();
  const key = () => prefsKey(props.route, props.spec);
  const sort = () => prefs.get(key()).sort;
  const week = () => props.spec.kind === 'upcoming' && prefs.get(key()).layout === 'week';
  const title = () => props.title ?? viewTitle(props.route);
  const filterError = createMemo(() => {
    if (props.spec.kind !== 'search' || !props.spec.query.trim()) return null;
    const parsed = parseFilter(props.spec.query);
    return parsed.ok ? null : describeFilterError(parsed.error, props.spec.query);
  });
  const [collapsed, setCollapsed] = createSignal<ReadonlySet<string>>(new Set());
  const toggleCollapse = (task: Task) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (!next.delete(task.id)) next.add(task.id);
      return next;
    });
  const [limit, setLimit] = createSignal(PAGE);
  // A new view (or search, or order) starts again from its first page.
  createEffect(on([() => props.spec, sort], () => setLimit(PAGE), { defer: true }));
  // A search asks again when the search index answers differently: once built (substring matches
  // join the word-prefix ones) or after another tab's write.
  const [indexChanges, setIndexChanges] = createSignal(0);
  const indexChanged = () => setIndexChanges((n) => n + 1);
  // The view mounts with the shell, before the database has opened: it listens once it is open.
  const listening = whenDatabasesReady().then(() => app.db.searchIndexChanges.add(indexChanged));
  onCleanup(() => {
    listening.then(() => app.db.searchIndexChanges.delete(indexChanged)).catch(() => undefined);
  });
  const page = createLive(
    ({ spec, today, sort, limit }) =>
      queryViewPage(app.db, spec, { today, sort, limit, withTotal: false }),
    { groups: [], total: null },
    () => ({
      spec: props.spec,
      today: app.today(),
      sort: sort(),
      limit: limit(),
      index: props.spec.kind === 'search' ? indexChanges() : 0,
    }),
  );
  // The whole view's count walks its index range: the first rows do not wait for it.
  const counted = createLive(
    ({ spec, today }) => (spec.kind === 'search' ? null : countView(app.db, spec, today)),
    null,
    () => ({ spec: props.spec, today: app.today() }),
  );
  // The Inbox's first page read before Dexie loaded: its rows (or empty state) are in the first
  // paint, until the live query answers.
  const startPage = inboxAtStart();
  const startGroups = createMemo(() =>
    !page.ready() && startPage && props.spec.kind === 'inbox' && sort() === 'manual'
      ? groupForView(props.spec, startPage.tasks, app.today(), 'manual')
      : null,
  );
  const startTotal = () => (startGroups() && startPage ? startPage.total : 0);
  const total = () => page.value().total ?? counted.value() ?? startTotal();
  const ready = () => page.ready() || startGroups() !== null;
  const groups = { ...page, ready, value: () => startGroups() ?? page.value().groups };
  const loaded = createMemo(() => groups.value().reduce((n, g) => n + g.tasks.length, 0));
  const nextPage = () => {
    if (page.ready() && loaded() >= limit() && loaded() < total()) setLimit(loaded() + PAGE);
  };
  const loadedIds = createMemo(() => groups.value().flatMap((g) => g.tasks.map((t) => t.id)), [], {
    equals: (a, b) => a.length === b.length && a.every((id, i) => id === b[i]),
  });
  const subtaskCounts = createLive(
    ({ ids }) => countSubtasks(app.db, ids),
    new Map(),
    () => ({ ids: loadedIds() }),
  );
  const commentCounts = createLive(
    ({ ids }) => countComments(app.db, ids),
    new Map<string, number>(),
    () => ({ ids: loadedIds() }),
  );
  // The shell's live project list when it has one: counting every project's open tasks again on
  // each view switch walked most of the open tasks of a large database.
  const summaries = app.projectSummaries
    ? { value: app.projectSummaries }
    : createLive(() => listProjectSummaries(app.db), []);
  const named = createMemo(() => namedProjects(summaries.value()));
  const projects = { value: named };
  /** The project this page shows (by name, as the address names it), once the list has loaded. */
  const shownProject = () => {
    if (props.spec.kind !== 'project') return undefined;
    const key = projectNameKey(props.spec.project);
    return summaries.value().find((p) => projectNameKey(p.name) === key);
  };
  const sections = createLive(
    ({ id }) => (id ? listProjectSections(app.db, id) : []),
    [],
    () => ({ id: shownProject()?.id }),
  );
  /** A project's tasks are listed by section; other views by their own groups. */
  const toItems = (grouped: TaskGroup[], today: string) => {
    const project = shownProject();
    return project
      ? projectSectionItems(props.spec, grouped, project.id, sections.value(), today, collapsed())
      : listItemsFor(props.spec, grouped, today, collapsed());
  };
  // The shell's live label list when it has one, as for projects.
  const labelSummaries = app.labelSummaries
    ? { value: app.labelSummaries }
    : createLive(() => listLabelSummaries(app.db), []);
  /** The label this page shows (by name, as the address names it), once the list has loaded. */
  const shownLabel = () => {
    if (props.spec.kind !== 'label') return undefined;
    const key = projectNameKey(props.spec.label);
    return labelSummaries.value().find((l) => projectNameKey(l.name) === key);
  };
  // Provisional rows take their place in the view (their day, their time), never the end of the
  // list: a capture in Upcoming must not move what the user is reading.
  const items = createMemo(() => {
    const stored = groups.value();
    const today = app.today();
    const shown = new Set(stored.flatMap((g) => g.tasks.map((t) => t.id)));
    const extra = app.pending
      .tasks()
      .filter((t) => !shown.has(t.id) && matchesView(props.spec, t, today));
    if (extra.length === 0) return toItems(stored, today);
    const all = [...stored.flatMap((g) => g.tasks), ...extra];
    return toItems(groupForView(props.spec, all, today, sort()), today);
  });
  const moveToSection = (task: Task, group: string) => {
    const target = sections.value().find((s) => s.id === group);
    if (group !== NO_SECTION && !target) return;
    void actions.moveToSection([task], target?.id ?? null, target?.name ?? SECTION_WORDS.noSection);
  };
  // Provisional rows go as soon as the stored ones arrive.
  createEffect(() =>
    app.pending.settle(new Set(groups.value().flatMap((g) => g.tasks.map((t) => t.id)))),
  );
  const tasks = createMemo(() => taskItems(items()).map((i) => i.task));
  const selectedTasks = createMemo(() => tasks().filter((t) => selection.selected().has(t.id)));
  const empty = () => emptyStateFor(props.spec);
  const overdue = createMemo(() =>
    props.spec.kind === 'today'
      ? (groups.value().find((g) => g.key === 'overdue')?.tasks ?? [])
      : [],
  );
  let list: ListController | undefined;

  const current = () => list?.current() ?? null;
  app.setViewController({
    next: () => list?.move(1),
    previous: () => list?.move(-1),
    open: () => {
      const task = current();
      if (task) void app.pending.stored(task).then((t) => t && app.openTask(t.id));
    },
    toggleSelect: () => {
      const task = current();
      if (task) selection.toggle(task.id);
    },
    complete: () => {
      const task = current();
      if (task) void actions.toggleComplete(task);
    },
    remove: () => {
      const chosen = selectedTasks();
      const task = current();
      if (chosen.length > 0) void actions.remove(chosen).then((ok) => ok && selection.clear());
      else if (task) void actions.remove([task]);
    },
    reveal: (id) => list?.reveal(id),
    moveUp: () => void list?.moveTask(-1),
    moveDown: () => void list?.moveTask(1),
    clearSelection: () => {
      if (selection.selected().size === 0) return false;
      selection.clear();
      return true;
    },
  });
  onCleanup(() => app.setViewController(null));

  const countText = () => {
    // The whole view's size, though only its first pages are read; pending captures add to it.
    const n = Math.max(tasks().length, total() + (tasks().length - loaded()));
    if (props.spec.kind === 'completed') return plural(n, 'completed task');
    if (props.spec.kind === 'search' && props.route.view === 'search') return plural(n, 'result');
    return plural(n, 'task');
  };

  return (
    <section class="view" aria-labelledby="view-title">
      <div class="view-header">
        <h1 id="view-title" tabIndex={-1}>
          {title()}
        </h1>
        <Show when={groups.ready() && tasks().length > 0 && !week()}>
          <p class="view-count">{countText()}</p>
        </Show>
        <div class="view-tools">
          <Show when={props.spec.kind === 'upcoming'}>
            <div class="segmented" role="group" aria-label="Layout">
              <button
                type="button"
                class="btn btn-ghost"
                aria-pressed={!week()}
                onClick={() => prefs.set(key(), { layout: 'list' })}
              >
                List
              </button>
              <button
                type="button"
                class="btn btn-ghost"
                aria-pressed={week()}
                onClick={() => prefs.set(key(), { layout: 'week' })}
              >
                Week
              </button>
            </div>
          </Show>
          <Show when={props.spec.kind !== 'completed'}>
            <label class="sort-label" for="view-sort">
              Sort by
            </label>
            <select
              id="view-sort"
              class="input sort-select"
              value={sort()}
              onChange={(event) => prefs.set(key(), { sort: event.currentTarget.value as SortKey })}
            >
              <For each={SORT_KEYS}>{(k) => <option value={k}>{SORT_LABELS[k]}</option>}</For>
            </select>
          </Show>
        </div>
      </div>
      <Show when={shownProject()}>
        {(project) => (
          <>
            <ProjectTools project={project()} all={summaries.value()} />
            <SectionTools projectId={project().id} sections={sections.value()} />
          </>
        )}
      </Show>
      <Show when={shownLabel()}>{(label) => <LabelTools label={label()} />}</Show>
      <Show when={props.spec.kind === 'search' ? props.spec : undefined}>
        {(spec) => (
          <FilterTools
            route={props.route}
            query={spec().query}
            valid={filterError() === null && spec().query.trim().length > 0}
          />
        )}
      </Show>
      <Show when={filterError()}>
        {(message) => (
          <p class="view-error filter-error" role="status">
            {message()}
          </p>
        )}
      </Show>
      <Show when={overdue().length > 0 && selectedTasks().length === 0}>
        <div class="overdue-bar">
          <span>{plural(overdue().length, 'overdue task')}</span>
          <Reschedule
            tasks={overdue()}
            today={app.today()}
            actions={actions}
            label={`Reschedule ${overdue().length === 1 ? 'the overdue task' : `${overdue().length} overdue tasks`}`}
          />
        </div>
      </Show>
      <Show when={selectedTasks().length > 0}>
        <BulkBar
          selected={selectedTasks()}
          projects={projects.value()}
          sections={shownProject() ? sections.value() : undefined}
          actions={actions}
          today={app.today()}
          onDone={() => selection.clear()}
        />
      </Show>
      <ViewError error={groups.error()} />
      <Show
        when={!week()}
        fallback={
          <WeekView sort={sort()} actions={actions} onOpen={(task) => app.openTask(task.id)} />
        }
      >
        <Show
          when={!groups.ready() || items().length > 0}
          fallback={
            <div class="empty-state">
              <div class="empty-art" aria-hidden="true" />
              <h2>{empty().title}</h2>
              <p>{empty().body}</p>
            </div>
          }
        >
          <TaskList
            items={items()}
            label={`${title()} tasks`}
            selection={selection}
            actions={actions}
            reorderable={REORDERABLE.has(props.spec.kind)}
            hideProject={props.spec.kind === 'project'}
            collapsed={collapsed()}
            onToggleCollapse={toggleCollapse}
            subtaskCounts={subtaskCounts.value()}
            commentCounts={commentCounts.value()}
            indentable={props.spec.kind !== 'completed'}
            onMoveToDay={
              props.spec.kind === 'upcoming'
                ? (task, day) => void actions.reschedule([task], day)
                : undefined
            }
            onMoveToGroup={shownProject() ? moveToSection : undefined}
            onOpen={(task) => void app.pending.stored(task).then((t) => t && app.openTask(t.id))}
            controller={(c) => (list = c)}
            onNearEnd={nextPage}
            onRevealElsewhere={(task) =>
              app.toasts.show(`Added “${task.title}” out of sight`, {
                action: { label: 'Show', run: () => list?.reveal(task.id, { force: true }) },
              })
            }
          />
        </Show>
      </Show>
      <prompt.Prompt />
      <Show when={props.spec.kind === 'completed'}>
        <ArchivedTasks />
      </Show>
    </section>
  );
}
