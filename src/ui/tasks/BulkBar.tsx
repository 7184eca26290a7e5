// Actions on the selected tasks: complete, move to a project, delete (with Undo), clear the selection.
import { For, Show } from 'solid-js';
import type { JSX } from 'solid-js';
import type { Task } from '../../core/task';
import type { NamedCount } from '../../core/views';
import type { TaskActions } from './actions';
import { Reschedule } from './Reschedule';

export interface BulkBarProps {
  selected: Task[];
  projects: NamedCount[];
  actions: TaskActions;
  /** The local day, for Reschedule's Today and Tomorrow. */
  today: string;
  onDone: () => void;
}

const INBOX = '\u0000inbox';

export function BulkBar(props: BulkBarProps): JSX.Element {
  const count = () => props.selected.length;
  return (
    <Show when={count() > 0}>
      <div class="bulk-bar" role="region" aria-label="Selected tasks">
        <span class="bulk-count">{count() === 1 ? '1 selected' : `${count()} selected`}</span>
        <button
          type="button"
          class="btn"
          onClick={async () => {
            await props.actions.completeMany(props.selected);
            props.onDone();
          }}
        >
          Complete
        </button>
        <label class="sr-only" for="bulk-move">
          Move selected tasks to
        </label>
        <select
          id="bulk-move"
          class="input bulk-move"
          value=""
          onChange={async (event) => {
            const value = event.currentTarget.value;
            event.currentTarget.value = '';
            if (!value) return;
            await props.actions.moveMany(props.selected, value === INBOX ? null : value);
            props.onDone();
          }}
        >
          <option value="">Move to…</option>
          <option value={INBOX}>Inbox</option>
          <For each={props.projects}>{(p) => <option value={p.name}>{p.name}</option>}</For>
        </select>
        <Reschedule
          tasks={props.selected}
          today={props.today}
          actions={props.actions}
          label={
            count() === 1 ? 'Reschedule the selected task' : `Reschedule ${count()} selected tasks`
          }
          onDone={() => props.onDone()}
        />
        <button
          type="button"
          class="btn btn-danger"
          onClick={async () => {
            if (await props.actions.remove(props.selected)) props.onDone();
          }}
        >
          Delete
        </button>
        <button type="button" class="btn btn-ghost" onClick={() => props.onDone()}>
          Clear selection
        </button>
      </div>
    </Show>
  );
}
