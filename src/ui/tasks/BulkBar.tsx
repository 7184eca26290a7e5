// Actions on the selected tasks: complete, move to a project (or a section of the project shown),
// delete (with Undo), clear the selection.
import { For, Show } from 'solid-js';
import type { JSX } from 'solid-js';
import type { Section } from '../../core/section';
import type { Task } from '../../core/task';
import { SECTION_WORDS } from '../messages';
import type { NamedCount } from '../../core/views';
import type { TaskActions } from './actions';
import { Reschedule } from './Reschedule';

export interface BulkBarProps {
  selected: Task[];
  projects: NamedCount[];
  /** The sections of the project shown (a project page), offered as places to move to. */
  sections?: readonly Section[];
  actions: TaskActions;
  /** The local day, for Reschedule's Today and Tomorrow. */
  today: string;
  onDone: () => void;
}

const INBOX = '\u0000inbox';
/** Section choices carry this prefix (project names are free text; no name starts with NUL). */
const SECTION = '\u0000section:';

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
            if (value.startsWith(SECTION)) {
              const section = props.sections?.find((s) => SECTION + s.id === value);
              await props.actions.moveToSection(
                props.selected,
                section?.id ?? null,
                section?.name ?? SECTION_WORDS.noSection,
              );
            } else await props.actions.moveMany(props.selected, value === INBOX ? null : value);
            props.onDone();
          }}
        >
          <option value="">Move to…</option>
          <option value={INBOX}>Inbox</option>
          <For each={props.projects}>{(p) => <option value={p.name}>{p.name}</option>}</For>
          <Show when={props.sections?.length}>
            <optgroup label={SECTION_WORDS.sections}>
              <option value={SECTION}>{SECTION_WORDS.noSection}</option>
              <For each={props.sections}>
                {(s) => <option value={SECTION + s.id}>{s.name}</option>}
              </For>
            </optgroup>
          </Show>
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
