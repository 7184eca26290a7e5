// The detail's sub-tasks: a list named "Sub-tasks" of checkboxes named by their titles (a title opens
// that sub-task), and a textbox named "Add sub-task" (Enter adds one in the parent's project).
import { For, Show, createSignal } from 'solid-js';
import type { JSX } from 'solid-js';
import { MAX_DEPTH } from '../../core/hierarchy';
import type { Task } from '../../core/task';
import { querySubtasks } from '../../db/queries';
import { useApp } from '../app-context';
import { createLive } from '../lib/live';
import type { TaskActions } from '../tasks/actions';

interface SubtaskListProps {
  parent: Task;
  /** The parent's level (1 at top level): below MAX_DEPTH it can hold sub-tasks. */
  level: number;
  actions: TaskActions;
}

export function SubtaskList(props: SubtaskListProps): JSX.Element {
  const app = useApp();
  const subtasks = createLive(
    (id) => querySubtasks(app.db, id),
    [] as Task[],
    () => props.parent.id,
  );
  const [title, setTitle] = createSignal('');
  const done = () => subtasks.value().filter((t) => t.completedAt !== null).length;

  async function add(event: Event) {
    event.preventDefault();
    const text = title().trim();
    const { id, project } = props.parent;
    if (!text) return;
    const added = await props.actions.attempt(() =>
      app.store.addTask({ title: text, parentId: id, project }),
    );
    if (added) setTitle('');
  }

  return (
    <section class="subtasks" aria-labelledby="subtasks-heading">
      <h3 id="subtasks-heading">
        Sub-tasks
        <Show when={subtasks.value().length > 0}>
          <span class="subtasks-count">
            {' '}
            {done()}/{subtasks.value().length}
          </span>
        </Show>
      </h3>
      <ul class="subtask-list" aria-label="Sub-tasks">
        <For each={subtasks.value()}>
          {(task) => (
            <li class="subtask" classList={{ 'is-done': task.completedAt !== null }}>
              <input
                type="checkbox"
                class={`check p${task.priority}`}
                aria-label={task.title}
                checked={task.completedAt !== null}
                onChange={(event) => {
                  event.currentTarget.checked = task.completedAt !== null;
                  void props.actions.toggleComplete(task);
                }}
              />
              <button type="button" class="subtask-title" onClick={() => app.openTask(task.id)}>
                {task.title}
              </button>
            </li>
          )}
        </For>
      </ul>
      <Show
        when={props.level < MAX_DEPTH}
        fallback={<p class="hint">Sub-tasks go at most {MAX_DEPTH} levels deep.</p>}
      >
        <form class="subtask-add" onSubmit={add}>
          <label class="sr-only" for="subtask-add">
            Add sub-task
          </label>
          <input
            id="subtask-add"
            class="input"
            placeholder="Add sub-task"
            autocomplete="off"
            maxLength={500}
            value={title()}
            onInput={(event) => setTitle(event.currentTarget.value)}
          />
          <button type="submit" class="btn" disabled={!title().trim()}>
            Add
          </button>
        </form>
      </Show>
    </section>
  );
}
