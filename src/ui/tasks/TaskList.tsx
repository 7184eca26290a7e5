// A virtualised task list: only the rows in view (plus overscan) are in the DOM, each absolutely placed
// at its fixed-height offset, so 10,000 tasks render as fast as 20. The keyboard cursor, selection,
// drag-to-reorder and Alt+Arrow reorder live here; global shortcuts reach them through the controller.
import {
  Index,
  Show,
  createEffect,
  createMemo,
  createSignal,
  on,
  onCleanup,
  onMount,
} from 'solid-js';
import type { JSX } from 'solid-js';
import type { Task } from '../../core/task';
import { useApp } from '../app-context';
import type { TaskActions } from './actions';
import { TaskRow } from './TaskRow';
import type { Selection } from './selection';
import {
  ROW_HEIGHT,
  adjacentGroup,
  dragShift,
  groupOf,
  indentTarget,
  itemAt,
  layoutItems,
  reorderNeighbours,
  scrollToReveal,
  taskItems,
  visibleRange,
} from './list-model';
import type { ListItem } from './list-model';

export interface ListController {
  /** The task under the keyboard cursor. */
  current: () => Task | null;
  move: (delta: number) => void;
  moveTask: (delta: number) => void;
  focusCurrent: () => void;
  /**
   * Puts the cursor on a new task once the list shows it, and scrolls it fully into view if it lands
   * where the user is looking (in or next to the visible rows); `force` scrolls to it wherever it is.
   */
  reveal: (id: string, options?: { force?: boolean }) => void;
}

interface TaskListProps {
  items: ListItem[];
  label: string;
  selection: Selection;
  actions: TaskActions;
  reorderable: boolean;
  hideProject?: boolean;
  /** Parents whose sub-tasks are hidden; with `onToggleCollapse`, parents get a collapse button. */
  collapsed?: ReadonlySet<string>;
  onToggleCollapse?: (task: Task) => void;
  /** Completed/total sub-tasks by parent id. */
  subtaskCounts?: ReadonlyMap<string, { done: number; total: number }>;
  /** Comments per task id, for the rows shown. */
  commentCounts?: ReadonlyMap<string, number>;
  /** Tab / Shift+Tab make a task a sub-task of the one above, or move it up a level. */
  indentable?: boolean;
  /** A drag that ends under another day's heading moves the task to that day (Upcoming). */
  onMoveToDay?: (task: Task, day: string) => void;
  /** A drag that ends under another group's heading (a project's section) moves the task there. */
  onMoveToGroup?: (task: Task, group: string) => void;
  onOpen: (task: Task) => void;
  controller?: (controller: ListController) => void;
  /** A stored new task landed away from what the user is looking at; the list did not move. */
  onRevealElsewhere?: (task: Task) => void;
  /** The rows in view (or the cursor) came near the end of `items`: the view may read its next page. */
  onNearEnd?: () => void;
}

/** Rows before the end of the loaded items at which the next page is asked for. */
const NEAR_END = 40;

/** Fallback when layout is unavailable (jsdom, first paint): enough for a tall window. */
const DEFAULT_VIEWPORT = 900;

export function TaskList(props: TaskListProps): JSX.Element {
  const app = useApp();
  let viewportEl!: HTMLDivElement; // eslint-disable-line no-unassigned-vars -- assigned by ref
  const [scrollTop, setScrollTop] = createSignal(0);
  const [viewportHeight, setViewportHeight] = createSignal(DEFAULT_VIEWPORT);
  const [drag, setDrag] = createSignal<{ id: string; dy: number } | null>(null);

  const layout = createMemo(() => layoutItems(props.items));
  // Found once per drag, not once per row and pointer move.
  const draggedId = createMemo(() => drag()?.id ?? null);
  const dragFrom = createMemo(() => {
    const id = draggedId();
    return id === null ? -1 : indexOfTask(id);
  });
  const range = createMemo(() =>
    visibleRange(layout(), props.items.length, scrollTop(), viewportHeight()),
  );
  const visible = createMemo(() => props.items.slice(range().start, range().end));
  createEffect(() => {
    if (range().end >= props.items.length - NEAR_END) props.onNearEnd?.();
  });
  const tasks = createMemo(() => taskItems(props.items).map((i) => i.task));
  const now = createMemo(() => {
    app.today(); // re-evaluate overdue state when the day changes
    return app.now();
  });

  // Keep the cursor on a shown task: default to the first, follow removals to the neighbour.
  let lastIndex = 0;
  createEffect(() => {
    const list = tasks();
    const cursor = props.selection.cursor();
    const index = cursor ? list.findIndex((t) => t.id === cursor) : -1;
    if (index >= 0) lastIndex = index;
    else props.selection.setCursor(list[Math.min(lastIndex, list.length - 1)]?.id ?? null);
    props.selection.retain(new Set(list.map((t) => t.id)));
  });

  // A task just captured is usually not in the list yet: reveal it when the live query brings it.
  let pendingReveal: { id: string; force: boolean } | null = null;
  function revealPending() {
    const wanted = pendingReveal;
    const index = wanted ? indexOfTask(wanted.id) : -1;
    if (!wanted || index < 0) return;
    pendingReveal = null;
    if (!wanted.force && !nearView(index)) {
      const item = props.items[index];
      // Provisional rows are not announced: their stored task follows at once.
      if (item.kind === 'task' && !wanted.id.startsWith('pending-'))
        props.onRevealElsewhere?.(item.task);
      return;
    }
    props.selection.setCursor(wanted.id);
    reveal(wanted.id);
  }

  /** In the visible rows or right next to them (one row beyond either edge). */
  function nearView(index: number): boolean {
    const { offsets } = layout();
    const top = scrollTop() - ROW_HEIGHT;
    const bottom = scrollTop() + viewportHeight() + ROW_HEIGHT;
    return offsets[index + 1] > top && offsets[index] < bottom;
  }
  createEffect(on(() => props.items, revealPending));

  // Rows are recycled by position, so after a live update the focused slot may show another task, or
  // be gone with the task (completed with `c`): keep DOM focus on the cursor's task. Focus that left
  // the list for the page body went with a removed row; focus the user moved elsewhere stays there.
  let focusInList = false;
  createEffect(
    on(
      () => props.items,
      () =>
        // After this update's other effects, so the cursor has moved off a removed task already.
        queueMicrotask(() => {
          const cursor = props.selection.cursor();
          const active = document.activeElement;
          if (!viewportEl?.isConnected || !cursor) return;
          if (viewportEl.contains(active)) {
            const row = active?.closest<HTMLElement>('[data-task-id]');
            if (row && row.dataset.taskId !== cursor) focusTask(cursor);
          } else if (focusInList && (!active || active === document.body)) {
            focusTask(cursor);
          }
        }),
      { defer: true },
    ),
  );

  onMount(() => {
    // A click elsewhere on the page (even on nothing focusable) means the user left the list.
    const onPointerDown = (event: PointerEvent) => {
      if (!viewportEl.contains(event.target as Node)) focusInList = false;
    };
    document.addEventListener('pointerdown', onPointerDown);
    onCleanup(() => document.removeEventListener('pointerdown', onPointerDown));
    const measure = () => setViewportHeight(viewportEl.clientHeight || DEFAULT_VIEWPORT);
    measure();
    if (typeof ResizeObserver !== 'undefined') {
      const observer = new ResizeObserver(measure);
      observer.observe(viewportEl);
      onCleanup(() => observer.disconnect());
    }
  });

  function indexOfTask(id: string): number {
    return props.items.findIndex((i) => i.kind === 'task' && i.task.id === id);
  }

  function reveal(id: string) {
    const index = indexOfTask(id);
    if (index < 0) return;
    const top = scrollToReveal(layout(), index, scrollTop(), viewportHeight());
    if (top !== null) {
      viewportEl.scrollTop = top;
      setScrollTop(top);
    }
  }

  function focusTask(id: string) {
    reveal(id);
    // The row exists synchronously after reveal (Solid updates the DOM on the signal write).
    const rows = viewportEl.querySelectorAll<HTMLElement>('[data-task-id]');
    const row = [...rows].find((r) => r.dataset.taskId === id);
    row?.querySelector<HTMLElement>('.check')?.focus();
  }

  const controller: ListController = {
    current: () => tasks().find((t) => t.id === props.selection.cursor()) ?? null,
    move(delta) {
      const list = tasks();
      if (list.length === 0) return;
      const index = list.findIndex((t) => t.id === props.selection.cursor());
      // The first j/k after focus was elsewhere lands on the cursor row itself, without skipping it.
      const inList = viewportEl.contains(document.activeElement);
      const step = inList && index >= 0 ? delta : 0;
      const next = list[Math.max(0, Math.min(list.length - 1, index < 0 ? 0 : index + step))];
      props.selection.setCursor(next.id);
      focusTask(next.id);
    },
    async moveTask(delta) {
      const task = controller.current();
      if (!task || !props.reorderable) return;
      const neighbours = reorderNeighbours(props.items, task.id, delta);
      // First or last in its section: Alt+Arrow carries it into the section above or below.
      const group =
        !neighbours && props.onMoveToGroup && (delta === 1 || delta === -1)
          ? adjacentGroup(props.items, task.id, delta)
          : null;
      if (group) props.onMoveToGroup?.(task, group);
      if (!neighbours) return;
      await props.actions.reorder(task, neighbours.above, neighbours.below);
      focusTask(task.id);
    },
    reveal(id, options) {
      pendingReveal = { id, force: options?.force ?? false };
      revealPending();
    },
    focusCurrent() {
      const id = props.selection.cursor();
      if (id) focusTask(id);
    },
  };
  // eslint-disable-next-line solid/reactivity -- called once to hand the controller to the view
  props.controller?.(controller);

  function onSelect(task: Task, mode: 'toggle' | 'range') {
    if (mode === 'range')
      props.selection.extendTo(
        task.id,
        tasks().map((t) => t.id),
      );
    else props.selection.toggle(task.id);
  }

  function onDragStart(task: Task, event: PointerEvent) {
    if (event.button !== 0) return;
    event.preventDefault();
    const startY = event.clientY;
    setDrag({ id: task.id, dy: 0 });
    const onMove = (e: PointerEvent) => setDrag({ id: task.id, dy: e.clientY - startY });
    const onUp = (e: PointerEvent) => {
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
      window.removeEventListener('pointercancel', onUp);
      setDrag(null);
      if (e.type === 'pointerup' && dropInOtherGroup(task, e.clientY - startY)) return;
      const delta = Math.round((e.clientY - startY) / ROW_HEIGHT);
      const neighbours = reorderNeighbours(props.items, task.id, delta);
      if (neighbours && e.type === 'pointerup')
        void props.actions.reorder(task, neighbours.above, neighbours.below);
    };
    window.addEventListener('pointermove', onMove);
    window.addEventListener('pointerup', onUp);
    window.addEventListener('pointercancel', onUp);
  }

  /**
   * Where a dragged row lands; under another day's heading it moves to that day, under another
   * section's heading into that section.
   */
  function dropInOtherGroup(task: Task, dy: number): boolean {
    const from = indexOfTask(task.id);
    if ((!props.onMoveToDay && !props.onMoveToGroup) || from < 0) return false;
    const y = layout().offsets[from] + dy + ROW_HEIGHT / 2;
    const target = props.items[itemAt(layout().offsets, props.items.length, y)];
    const group = target && groupOf(target);
    if (!group || group === groupOf(props.items[from])) return false;
    if (props.onMoveToDay && /^\d{4}-\d{2}-\d{2}$/.test(group)) props.onMoveToDay(task, group);
    else if (props.onMoveToGroup) props.onMoveToGroup(task, group);
    else return false;
    return true;
  }

  function onIndent(task: Task, direction: 'in' | 'out'): boolean {
    if (!props.indentable) return false;
    const target = indentTarget(props.items, task.id, direction);
    if (!target) return false;
    void indent(task, target.parent);
    return true;
  }

  async function indent(task: Task, parent: Task | null) {
    await props.actions.setParent(task, parent);
    focusTask(task.id);
  }

  return (
    <div
      ref={viewportEl}
      class="list-viewport"
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onFocusIn={() => (focusInList = true)}
      onFocusOut={(event) => {
        // relatedTarget is null when the focused row was removed: the list still owns focus then.
        const next = event.relatedTarget as Node | null;
        if (next && !viewportEl.contains(next)) focusInList = false;
      }}
    >
      <ul
        class="task-list"
        classList={{ 'is-dragging': drag() !== null }}
        aria-label={props.label}
        style={{ height: `${layout().total}px` }}
      >
        <Index each={visible()}>
          {(item, i) => {
            const top = () => {
              const index = range().start + i;
              const from = dragFrom();
              const shift = from < 0 ? 0 : dragShift(layout(), from, drag()?.dy ?? 0, index);
              return layout().offsets[index] + shift;
            };
            const task = () => {
              const value = item();
              return value.kind === 'task' ? value : null;
            };
            const heading = () => {
              const value = item();
              return value.kind === 'heading' ? value : null;
            };
            return (
              <Show
                when={task()}
                fallback={
                  <li
                    class="group-heading"
                    classList={{ 'is-danger': heading()?.tone === 'danger' }}
                    style={{ transform: `translateY(${top()}px)` }}
                  >
                    <h2>{heading()?.label}</h2>
                    <span class="group-count">{heading()?.count}</span>
                  </li>
                }
              >
                {(entry) => (
                  <TaskRow
                    task={entry().task}
                    level={entry().level}
                    childCount={entry().children}
                    collapsed={props.collapsed?.has(entry().task.id)}
                    onToggleCollapse={props.onToggleCollapse}
                    subtasks={props.subtaskCounts?.get(entry().task.id)}
                    comments={props.commentCounts?.get(entry().task.id)}
                    onIndent={onIndent}
                    today={app.today()}
                    now={now()}
                    isCursor={props.selection.cursor() === entry().task.id}
                    isSelected={props.selection.selected().has(entry().task.id)}
                    hideProject={props.hideProject}
                    groupDay={/^\d{4}-\d{2}-\d{2}$/.test(entry().group) ? entry().group : undefined}
                    reorderable={props.reorderable}
                    onToggleComplete={(t) => void props.actions.toggleComplete(t)}
                    onOpen={props.onOpen}
                    onSelect={onSelect}
                    onFocusRow={(t) => props.selection.setCursor(t.id)}
                    onDragStart={onDragStart}
                    dragging={drag()?.id === entry().task.id}
                    style={{ transform: `translateY(${top()}px)` }}
                  />
                )}
              </Show>
            );
          }}
        </Index>
      </ul>
    </div>
  );
}
