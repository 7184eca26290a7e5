// Upcoming as a week: seven day columns, empty days included. Drag a task to another day, or move it a
// day with Alt+←/→; the checkbox completes, the title opens the detail.
import { For, Show, createEffect, createMemo, createSignal } from 'solid-js';
import type { JSX } from 'solid-js';
import type { SortKey } from '../../core/sort';
import type { Task } from '../../core/task';
import { groupByDays, weekOf } from '../../core/views';
import { queryDays } from '../../db/queries';
import { useApp } from '../app-context';
import { addDays } from '../../core/calendar';
import { formatDayHeading } from '../lib/dates';
import { createLive } from '../lib/live';
import type { TaskActions } from '../tasks/actions';

export interface WeekViewProps {
  sort: SortKey;
  actions: TaskActions;
  onOpen: (task: Task) => void;
}

export function WeekView(props: WeekViewProps): JSX.Element {
  const app = useApp();
  const [offset, setOffset] = createSignal(0);
  const days = createMemo(() => weekOf(addDays(app.today(), offset() * 7)));
  const tasks = createLive(
    ({ first, last }) => queryDays(app.db, first, last),
    [],
    () => ({ first: days()[0], last: days()[6] }),
  );
  const groups = createMemo(() => groupByDays(tasks.value(), days(), props.sort));
  const [dropDay, setDropDay] = createSignal<string | null>(null);

  const byId = (id: string) => tasks.value().find((t) => t.id === id);
  const moveTo = (task: Task, day: string) => {
    if (task.due?.slice(0, 10) !== day) void props.actions.reschedule([task], day);
  };

  // A task moved from the keyboard keeps the focus in its new day, and the week follows it there when
  // the day is in the week before or after: otherwise the focus fell to the page and the task left view.
  let list: HTMLOListElement | undefined;
  const [following, setFollowing] = createSignal<{ id: string; day: string } | null>(null);
  const moveFromKeyboard = (task: Task, day: string) => {
    if (day < days()[0]) setOffset(offset() - 1);
    else if (day > days()[6]) setOffset(offset() + 1);
    setFollowing({ id: task.id, day });
    moveTo(task, day);
  };
  createEffect(() => {
    const target = following();
    if (!target || byId(target.id)?.due?.slice(0, 10) !== target.day) return;
    const box = list?.querySelector<HTMLInputElement>(
      `.week-day[data-day="${target.day}"] [data-week-task="${target.id}"] input`,
    );
    if (box) {
      box.focus();
      setFollowing(null);
    }
  });

  return (
    <div class="week-view">
      <div class="week-nav">
        <button type="button" class="btn" onClick={() => setOffset(offset() - 1)}>
          Previous week
        </button>
        <button
          type="button"
          class="btn btn-ghost"
          disabled={offset() === 0}
          onClick={() => setOffset(0)}
        >
          This week
        </button>
        <button type="button" class="btn" onClick={() => setOffset(offset() + 1)}>
          Next week
        </button>
      </div>
      <ol class="week" aria-label="Week" ref={(el) => (list = el)}>
        <For each={groups()}>
          {(group) => {
            const headingId = `week-${group.key}`;
            return (
              <li
                class="week-day"
                classList={{
                  'is-today': group.key === app.today(),
                  'is-past': group.key < app.today(),
                  'is-drop': dropDay() === group.key,
                }}
                data-day={group.key}
                onDragOver={(event) => {
                  event.preventDefault();
                  setDropDay(group.key);
                }}
                onDragLeave={() => setDropDay(null)}
                onDrop={(event) => {
                  event.preventDefault();
                  setDropDay(null);
                  const task = byId(event.dataTransfer?.getData('text/plain') ?? '');
                  if (task) moveTo(task, group.key);
                }}
              >
                <h2 id={headingId} class="week-heading">
                  {formatDayHeading(group.key, app.today())}
                </h2>
                <Show
                  when={group.tasks.length > 0}
                  fallback={<p class="week-empty">Nothing planned</p>}
                >
                  <ul class="week-tasks" aria-labelledby={headingId}>
                    <For each={group.tasks}>
                      {(task) => (
                        <li
                          class="week-task"
                          data-week-task={task.id}
                          draggable="true"
                          onDragStart={(event) => {
                            event.dataTransfer?.setData('text/plain', task.id);
                            if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
                          }}
                          onKeyDown={(event) => {
                            if (!event.altKey) return;
                            const step =
                              event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
                            if (!step) return;
                            event.preventDefault();
                            moveFromKeyboard(task, addDays(group.key, step));
                          }}
                        >
                          <input
                            type="checkbox"
                            class={`check p${task.priority}`}
                            aria-label={task.title}
                            checked={false}
                            onChange={(event) => {
                              event.currentTarget.checked = false;
                              void props.actions.toggleComplete(task);
                            }}
                          />
                          <button
                            type="button"
                            class="week-title"
                            onClick={() => props.onOpen(task)}
                          >
                            <Show when={task.due && task.due.length > 10}>
                              <span class="week-time">{task.due!.slice(11, 16)}</span>
                            </Show>
                            {task.title}
                          </button>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              </li>
            );
          }}
        </For>
      </ol>
    </div>
  );
}
