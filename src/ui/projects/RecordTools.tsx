// The tools the project and label pages share: rename, recolour over the one palette, and delete with
// Undo, which leaves the page. Failures become a toast in the user's words.
import { For } from 'solid-js';
import type { JSX } from 'solid-js';
import { PROJECT_COLOURS } from '../../core/project-id';
import type { ProjectColour } from '../../core/project-id';
import { useApp } from '../app-context';
import { actOrToast } from '../lib/act-or-toast';
import { PROJECT_WORDS } from '../messages';
import { routeHref } from '../router';
import type { Route } from '../router';
import { NameFormToggle } from './NameForm';

/** Deletes the page's record and goes to the Inbox; the toast's Undo restores it and comes back. */
function useDeletePage(): <D>(deletion: {
  remove: () => Promise<D>;
  restore: (deleted: D) => Promise<unknown>;
  message: (deleted: D) => string;
  page: Route;
}) => Promise<void> {
  const app = useApp();
  const act = actOrToast(app.toasts);
  return async ({ remove, restore, message, page }) => {
    const deleted = await act(remove);
    if (!deleted) return;
    app.router.navigate(routeHref({ view: 'inbox' }));
    app.toasts.show(message(deleted), {
      action: {
        label: 'Undo',
        run: () =>
          void act(async () => {
            await restore(deleted);
            app.router.navigate(routeHref(page), { replace: true });
          }),
      },
    });
  };
}

/** A labelled select of the tools' row. */
export function ToolSelect(props: {
  id: string;
  label: string;
  value: string;
  onChange: (select: HTMLSelectElement) => void;
  children: JSX.Element;
}): JSX.Element {
  return (
    <>
      <label class="project-colour-label" for={props.id}>
        {props.label}
      </label>
      <select
        id={props.id}
        class="input"
        value={props.value}
        onChange={(event) => props.onChange(event.currentTarget)}
      >
        {props.children}
      </select>
    </>
  );
}

/** What the tools say; the project and label words both have them. */
interface RecordWords {
  tools: string;
  name: string;
  rename: string;
  save: string;
  delete: string;
  renamed: (name: string) => string;
  deleted: (name: string, tasks: number) => string;
}

/** The record's writes, each on the record the page shows. */
export interface RecordWrites<D> {
  /** Stores a new name or colour; gives the stored record. */
  update: (changes: { name?: string; colour?: ProjectColour }) => Promise<{ name: string }>;
  /** Deletes the record; restore(deleted) is its Undo, and tasks(deleted) how many tasks it touched. */
  remove: () => Promise<D>;
  restore: (deleted: D) => Promise<unknown>;
  tasks: (deleted: D) => number;
}

interface RecordToolsProps<D> {
  /** The record's page ('project' or 'label'), also the prefix of the controls' ids. */
  view: 'project' | 'label';
  words: RecordWords;
  record: { name: string; colour: string };
  writes: RecordWrites<D>;
  /** Above the controls (a project's archived note). */
  note?: JSX.Element;
  /** Controls between the colour and Delete. */
  children?: JSX.Element;
}

export function RecordTools<D>(props: RecordToolsProps<D>): JSX.Element {
  const app = useApp();
  const act = actOrToast(app.toasts);
  const deletePage = useDeletePage();
  const W = () => props.words;
  const page = (name: string): Route => ({ view: props.view, name });

  async function rename(chosen: string, close: () => void) {
    const { update } = props.writes;
    const done = await act(() => update({ name: chosen }));
    if (!done) return;
    close();
    app.toasts.show(W().renamed(done.name));
    app.router.navigate(routeHref(page(done.name)), { replace: true });
  }

  function recolour(select: HTMLSelectElement) {
    const { update } = props.writes;
    return act(() => update({ colour: select.value as ProjectColour }));
  }

  function remove() {
    const { name } = props.record;
    const { remove, restore, tasks } = props.writes;
    return deletePage({
      remove,
      restore,
      message: (deleted) => W().deleted(name, tasks(deleted)),
      page: page(name),
    });
  }

  return (
    <div class="project-tools" role="group" aria-label={W().tools}>
      {props.note}
      <NameFormToggle
        id={`${props.view}-name`}
        label={W().name}
        submitLabel={W().save}
        openLabel={W().rename}
        initial={() => props.record.name}
        onSave={rename}
      />
      <ToolSelect
        id={`${props.view}-colour`}
        label={PROJECT_WORDS.colour}
        value={props.record.colour}
        onChange={(select) => void recolour(select)}
      >
        <For each={PROJECT_COLOURS}>
          {(c) => <option value={c}>{PROJECT_WORDS.colours[c]}</option>}
        </For>
      </ToolSelect>
      {props.children}
      <button type="button" class="btn btn-danger" onClick={() => void remove()}>
        {W().delete}
      </button>
    </div>
  );
}
