// The label page's tools: rename and recolour (one write to the label; every task shows the new name),
// and delete (the label comes off its tasks, and one Undo puts it back on them). Plain buttons, a select
// and a form, so all of it works from the keyboard.
import { For, Show, createSignal } from 'solid-js';
import type { JSX } from 'solid-js';
import { PROJECT_COLOURS } from '../../core/project-id';
import type { ProjectColour } from '../../core/project-id';
import type { LabelSummary } from '../../db/queries';
import { useApp } from '../app-context';
import { LABEL_WORDS as W, PROJECT_WORDS, describeError } from '../messages';
import { NameForm } from '../projects/NameForm';
import { routeHref } from '../router';
import { labelsStore } from './labels-store';

export interface LabelToolsProps {
  label: LabelSummary;
}

export function LabelTools(props: LabelToolsProps): JSX.Element {
  const app = useApp();
  const [renaming, setRenaming] = createSignal(false);
  const [name, setName] = createSignal('');

  async function act<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch (error) {
      app.toasts.show(describeError(error), { tone: 'error' });
      return undefined;
    }
  }

  const goTo = (labelName: string) =>
    app.router.navigate(routeHref({ view: 'label', name: labelName }), { replace: true });

  async function rename(event: Event) {
    event.preventDefault();
    const { id } = props.label;
    const chosen = name();
    const store = await labelsStore(app);
    const done = await act(() => store.updateLabel(id, { name: chosen }));
    if (!done) return;
    setRenaming(false);
    app.toasts.show(W.renamed(done.name));
    goTo(done.name);
  }

  async function remove() {
    const store = await labelsStore(app);
    const label = props.label;
    const deleted = await act(() => store.deleteLabel(label.id));
    if (!deleted) return;
    app.router.navigate(routeHref({ view: 'inbox' }));
    app.toasts.show(W.deleted(label.name, deleted.tasks.length), {
      action: {
        label: 'Undo',
        run: () =>
          void act(async () => {
            await store.restoreLabel(deleted);
            goTo(label.name);
          }),
      },
    });
  }

  return (
    <div class="project-tools" role="group" aria-label={W.labelTools}>
      <Show
        when={renaming()}
        fallback={
          <button
            type="button"
            class="btn"
            onClick={() => {
              setName(props.label.name);
              setRenaming(true);
            }}
          >
            {W.rename}
          </button>
        }
      >
        <NameForm
          id="label-name"
          label={W.labelName}
          submitLabel={W.save}
          class="project-rename"
          value={name()}
          onInput={setName}
          onSubmit={rename}
          onClose={() => setRenaming(false)}
        />
      </Show>
      <label class="project-colour-label" for="label-colour">
        {W.colour}
      </label>
      <select
        id="label-colour"
        class="input"
        value={props.label.colour}
        onChange={async (event) => {
          const colour = event.currentTarget.value as ProjectColour;
          const store = await labelsStore(app);
          await act(() => store.updateLabel(props.label.id, { colour }));
        }}
      >
        <For each={PROJECT_COLOURS}>
          {(c) => <option value={c}>{PROJECT_WORDS.colours[c]}</option>}
        </For>
      </select>
      <button type="button" class="btn btn-danger" onClick={() => void remove()}>
        {W.delete}
      </button>
    </div>
  );
}
