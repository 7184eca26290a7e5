// "Complete its sub-tasks too?": asked when a task with open sub-tasks is completed. `ask` resolves with
// the choice; the dialog renders wherever the owner puts `<Prompt />`.
import { Show, createSignal } from 'solid-js';
import type { JSX } from 'solid-js';
import type { Task } from '../../core/task';
import { Dialog } from '../lib/Dialog';
import type { SubtaskChoice } from './actions';

interface Request {
  task: Task;
  open: Task[];
  resolve: (choice: SubtaskChoice) => void;
}

export function createSubtaskPrompt() {
  const [request, setRequest] = createSignal<Request | null>(null);

  function ask(task: Task, open: Task[]): Promise<SubtaskChoice> {
    // A second question replaces the first, which counts as cancelled.
    request()?.resolve(null);
    return new Promise((resolve) => setRequest({ task, open, resolve }));
  }

  function finish(choice: SubtaskChoice) {
    const current = request();
    setRequest(null);
    current?.resolve(choice);
  }

  function Prompt(): JSX.Element {
    return (
      <Show when={request()}>
        {(current) => (
          <Dialog labelledBy="complete-subtasks-title" class="prompt" onClose={() => finish(null)}>
            <div class="dialog-header">
              <h2 id="complete-subtasks-title">Complete sub-tasks too?</h2>
            </div>
            <div class="dialog-body">
              <p>
                “{current().task.title}” has{' '}
                {current().open.length === 1
                  ? '1 open sub-task'
                  : `${current().open.length} open sub-tasks`}
                .
              </p>
              <div class="prompt-actions">
                <button
                  type="button"
                  class="btn btn-primary"
                  autofocus
                  onClick={() => finish('all')}
                >
                  Complete all
                </button>
                <button type="button" class="btn" onClick={() => finish('only-parent')}>
                  Only this task
                </button>
                <button type="button" class="btn btn-ghost" onClick={() => finish(null)}>
                  Cancel
                </button>
              </div>
            </div>
          </Dialog>
        )}
      </Show>
    );
  }

  return { ask, Prompt };
}
