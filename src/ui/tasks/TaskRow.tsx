// One task row: completion checkbox named by the title, priority colour, due (red when overdue),
// recurrence, project, labels. Clicking the title opens the detail panel.
import { For, Show } from 'solid-js';
import type { JSX } from 'solid-js';
import type { Task } from '../../core/task';
import { Icon } from '../icons';
import { formatDue, formatTime, isOverdue } from '../lib/dates';

interface TaskRowProps {
  task: Task;
  /** Tree level (1 = top level): sub-tasks are indented under their parent. */
  level?: number;
  /** Sub-tasks shown under this row; with `onToggleCollapse` the row gets a collapse button. */
  childCount?: number;
  collapsed?: boolean;
  onToggleCollapse?: (task: Task) => void;
  /** Completed and total sub-tasks ("2/5"), when it has any. */
  subtasks?: { done: number; total: number };
  /** How many comments the task has (absent or 0: none shown). */
  comments?: number;
  /** Tab / Shift+Tab on the row; returns whether it moved (otherwise Tab keeps its usual meaning). */
  onIndent?: (task: Task, direction: 'in' | 'out') => boolean;
  today: string;
  now: Date;
  isCursor: boolean;
  isSelected: boolean;
  /** The day heading the row sits under (Today, Upcoming): its due then shows only the time. */
  groupDay?: string;
  /** Hide the project chip inside that project's own view. */
  hideProject?: boolean;
  reorderable: boolean;
  onToggleComplete: (task: Task) => void;
  onOpen: (task: Task) => void;
  onSelect: (task: Task, mode: 'toggle' | 'range') => void;
  onFocusRow: (task: Task) => void;
  onDragStart?: (task: Task, event: PointerEvent) => void;
  /** Being dragged: lifted above the rows that make room for it. */
  dragging?: boolean;
  style?: JSX.CSSProperties;
  ref?: (element: HTMLLIElement) => void;
}

export function TaskRow(props: TaskRowProps): JSX.Element {
  const done = () => props.task.completedAt !== null;
  const overdue = () => !done() && isOverdue(props.task.due, props.now);
  const dueLabel = () => {
    const due = props.task.due;
    if (!due) return '';
    // Under its own day's heading the day is already said; only a time adds anything.
    if (props.groupDay && due.slice(0, 10) === props.groupDay)
      return due.length > 10 ? formatTime(due) : '';
    return formatDue(due, props.today);
  };

  function onTitleClick(event: MouseEvent) {
    if (event.shiftKey) props.onSelect(props.task, 'range');
    else if (event.ctrlKey || event.metaKey) props.onSelect(props.task, 'toggle');
    else props.onOpen(props.task);
  }

  return (
    <li
      ref={props.ref}
      class="task-row"
      classList={{
        'is-cursor': props.isCursor,
        'is-selected': props.isSelected,
        'is-done': done(),
        'is-dragging': props.dragging,
      }}
      data-task-id={props.task.id}
      style={{ ...props.style, '--level': String((props.level ?? 1) - 1) }}
      onFocusIn={() => props.onFocusRow(props.task)}
      onKeyDown={(event) => {
        if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey) return;
        if (props.onIndent?.(props.task, event.shiftKey ? 'out' : 'in')) event.preventDefault();
      }}
    >
      <Show
        when={props.childCount && props.onToggleCollapse}
        fallback={<span class="collapse-spacer" aria-hidden="true" />}
      >
        <button
          type="button"
          class="collapse-btn"
          aria-expanded={!props.collapsed}
          aria-label={`Sub-tasks of ${props.task.title}`}
          tabIndex={props.isCursor ? 0 : -1}
          onClick={() => props.onToggleCollapse?.(props.task)}
        >
          <Icon name="chevron" />
        </button>
      </Show>
      <Show when={props.reorderable}>
        <span
          class="drag-handle"
          aria-hidden="true"
          title="Drag to reorder (or Alt+↑/↓)"
          onPointerDown={(event) => props.onDragStart?.(props.task, event)}
        >
          <Icon name="grip" />
        </span>
      </Show>
      <input
        type="checkbox"
        class={`check p${props.task.priority}`}
        aria-label={props.task.title}
        checked={done()}
        tabIndex={props.isCursor ? 0 : -1}
        onChange={(event) => {
          // The store decides (a recurring task moves instead of completing); the live query re-renders.
          event.currentTarget.checked = done();
          props.onToggleComplete(props.task);
        }}
      />
      <div class="row-body">
        <button
          type="button"
          class="row-title"
          tabIndex={props.isCursor ? 0 : -1}
          onClick={onTitleClick}
        >
          {props.task.title}
          <Show when={props.isSelected}>
            <span class="sr-only"> (selected)</span>
          </Show>
        </button>
        <div class="row-meta">
          <Show when={dueLabel()}>
            {(label) => (
              <span class="meta-due" classList={{ 'is-overdue': overdue() }}>
                <Icon name="calendar" />
                {label()}
                <Show when={overdue()}>
                  <span class="sr-only"> (overdue)</span>
                </Show>
              </span>
            )}
          </Show>
          <Show when={props.subtasks?.total ? props.subtasks : undefined}>
            {(count) => (
              <span class="meta-subtasks">
                <span aria-hidden="true">
                  {count().done}/{count().total}
                </span>
                <span class="sr-only">
                  {count().done} of {count().total} sub-tasks done
                </span>
              </span>
            )}
          </Show>
          <Show when={props.comments}>
            {(count) => (
              <span class="meta-comments" title="Comments">
                <Icon name="comment" />
                <span aria-hidden="true">{count()}</span>
                <span class="sr-only">{count() === 1 ? '1 comment' : `${count()} comments`}</span>
              </span>
            )}
          </Show>
          <Show when={props.task.recurrence}>
            <span class="meta-repeat" title="Repeats">
              <Icon name="repeat" />
              <span class="sr-only">Repeats</span>
            </span>
          </Show>
          <Show when={props.task.notes}>
            <span class="meta-notes" title="Has notes">
              <Icon name="note" />
              <span class="sr-only">Has notes</span>
            </span>
          </Show>
          <Show when={props.task.priority < 4}>
            <span class={`meta-priority p${props.task.priority}`}>
              <Icon name="flag" />P{props.task.priority}
            </span>
          </Show>
          <For each={props.task.labels}>{(label) => <span class="meta-label">@{label}</span>}</For>
          <Show when={!props.hideProject && props.task.project}>
            <span class="meta-project">#{props.task.project}</span>
          </Show>
        </div>
      </div>
    </li>
  );
}
