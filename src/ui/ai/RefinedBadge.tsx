// "Refined on device" next to a task the model changed, with Undo back to what the rules made of
// the text. Live: it appears when a background refinement lands and goes when undone. The task
// detail mounts it in its own chunk with `{ taskId }`.
import { Show } from 'solid-js';
import type { JSX } from 'solid-js';
import { useApp } from '../app-context';
import { createLive } from '../lib/live';
import { getRefinement, undoRefinement } from '../../ai/refinements';

export function RefinedBadge(props: { taskId: string }): JSX.Element {
  const app = useApp();
  const refinement = createLive(
    (id) => getRefinement(app.db, id),
    null,
    () => props.taskId,
  );
  async function undo() {
    await undoRefinement(app.db, app.store, props.taskId);
    app.toasts.show('Restored the task as you typed it.');
  }
  return (
    <Show when={refinement.value()}>
      {(r) => (
        <span class="ai-refined">
          <span class="chip" title={`Changed by ${r().model}, on this device`}>
            Refined on device
          </span>
          <button type="button" class="btn btn-ghost" onClick={() => void undo()}>
            Undo refinement
          </button>
        </span>
      )}
    </Show>
  );
}

export default RefinedBadge;
