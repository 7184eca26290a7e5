// One task view (Inbox, Today, Upcoming, a project, a label, Completed, Search): a live query of its
// tasks, a heading, the bulk bar, and the virtualised list or an empty state that says what to do.
import { Show, createEffect, createMemo, lazy, onCleanup } from 'solid-js';
import type { JSX } from 'solid-js';
import { matchesView } from '../../core/views';
import type { ViewSpec } from '../../core/views';
import type { Task } from '../../core/task';
import type { ListItem } from '../tasks/list-model';
import { listProjects, queryViewGroups } from '../../db/queries';
import { useApp } from '../app-context';
import { createLive } from '../lib/live';
import { describeError } from '../messages';
import type { Route } from '../router';
import { TaskList } from '../tasks/TaskList';
import type { ListController } from '../tasks/TaskList';
import { createTaskActions } from '../tasks/actions';
import { taskItems } from '../tasks/list-model';
import { createSelection } from '../tasks/selection';
import { emptyStateFor, groupKeyFor, listItemsFor, viewTitle } from './view-model';

// The bulk bar appears only once something is selected, so it stays out of the first paint's JS.
const BulkBar = lazy(() => import('../tasks/BulkBar').then((m) => ({ default: m.BulkBar })));

/** Completed grows without bound; the newest this many are shown. */
const COMPLETED_LIMIT = 2000;

const REORDERABLE = new Set<ViewSpec['kind']>(['inbox', 'today', 'upcoming', 'project', 'label']);

export function ViewPage(props: { route: Route; spec: ViewSpec }): JSX.Element {
  const app = useApp();
  const selection = createSelection();
  const actions = createTaskActions({
    store: app.store,
    toasts: app.toasts,
    today: app.today,
    pending: app.pending,
  });
  const groups = createLive(
    ({ spec, today }) =>
      queryViewGroups(app.db, spec, {
        today,
        limit: spec.kind === 'completed' ? COMPLETED_LIMIT : undefined,
      }),
    [],
    () => ({ spec: props.spec, today: app.today() }),
  );
  const projects = createLive(() => listProjects(app.db), []);
  const pendingItem = (task: Task): ListItem => ({
    kind: 'task',
    key: task.id,
    task,
    group: groupKeyFor(props.spec, task, app.today()),
  });
  const items = createMemo(() => {
    const live = listItemsFor(props.spec, groups.value(), app.today());
    const shown = new Set(taskItems(live).map((i) => i.task.id));
    const extra = app.pending
      .tasks()
      .filter((t) => !shown.has(t.id) && matchesView(props.spec, t, app.today()));
    return extra.length ? [...live, ...extra.map(pendingItem)] : live;
  });
  // Provisional rows go as soon as the stored ones arrive.
  createEffect(() =>
    app.pending.settle(new Set(groups.value().flatMap((g) => g.tasks.map((t) => t.id)))),
  );
  const tasks = createMemo(() => taskItems(items()).map((i) => i.task));
  const selectedTasks = createMemo(() => tasks().filter((t) => selection.selected().has(t.id)));
  const empty = () => emptyStateFor(props.spec);
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
    const n = tasks().length;
    if (props.spec.kind === 'completed')
      return n === 1 ? '1 completed task' : `${n} completed tasks`;
    if (props.spec.kind === 'search') return n === 1 ? '1 result' : `${n} results`;
    return n === 1 ? '1 task' : `${n} tasks`;
  };

  return (
    <section class="view" aria-labelledby="view-title">
      <div class="view-header">
        <h1 id="view-title" tabIndex={-1}>
          {viewTitle(props.route)}
        </h1>
        <Show when={groups.ready() && tasks().length > 0}>
          <p class="view-count">{countText()}</p>
        </Show>
      </div>
      <Show when={selectedTasks().length > 0}>
        <BulkBar
          selected={selectedTasks()}
          projects={projects.value()}
          actions={actions}
          onDone={() => selection.clear()}
        />
      </Show>
      <Show when={groups.error()}>
        <p class="view-error" role="alert">
          {describeError(groups.error())}
        </p>
      </Show>
      <Show
        when={!groups.ready() || tasks().length > 0}
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
          label={`${viewTitle(props.route)} tasks`}
          selection={selection}
          actions={actions}
          reorderable={REORDERABLE.has(props.spec.kind)}
          hideProject={props.spec.kind === 'project'}
          onOpen={(task) => void app.pending.stored(task).then((t) => t && app.openTask(t.id))}
          controller={(c) => (list = c)}
        />
      </Show>
    </section>
  );
}
