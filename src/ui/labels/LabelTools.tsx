// The label page's tools: rename and recolour (one write to the label; every task shows the new name),
// and delete (the label comes off its tasks, and one Undo puts it back on them). Plain buttons, a select
// and a form, so all of it works from the keyboard.
import type { JSX } from 'solid-js';
import type { ProjectColour } from '../../core/project-id';
import type { LabelSummary } from '../../db/queries';
import { useApp } from '../app-context';
import { LABEL_WORDS as W } from '../messages';
import { NameFormToggle } from '../projects/NameForm';
import { ColourSelect, useActOrToast } from '../projects/RecordTools';
import { routeHref } from '../router';
import { labelsStore } from './labels-store';

export interface LabelToolsProps {
  label: LabelSummary;
}

export function LabelTools(props: LabelToolsProps): JSX.Element {
  const app = useApp();
  const act = useActOrToast();

  const goTo = (labelName: string) =>
    app.router.navigate(routeHref({ view: 'label', name: labelName }), { replace: true });

  async function rename(chosen: string, close: () => void) {
    const { id } = props.label;
    const store = await labelsStore(app);
    const done = await act(() => store.updateLabel(id, { name: chosen }));
    if (!done) return;
    close();
    app.toasts.show(W.renamed(done.name));
    goTo(done.name);
  }

  async function recolour(colour: ProjectColour) {
    const { id } = props.label;
    const store = await labelsStore(app);
    await act(() => store.updateLabel(id, { colour }));
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
      <NameFormToggle
        id="label-name"
        label={W.labelName}
        submitLabel={W.save}
        class="project-rename"
        openLabel={W.rename}
        openClass="btn"
        initial={() => props.label.name}
        onSave={rename}
      />
      <ColourSelect
        id="label-colour"
        value={props.label.colour}
        onChange={(colour) => void recolour(colour)}
      />
      <button type="button" class="btn btn-danger" onClick={() => void remove()}>
        {W.delete}
      </button>
    </div>
  );
}
