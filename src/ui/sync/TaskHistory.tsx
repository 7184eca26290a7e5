// A task's change history: this device's values that another device's newer write of the same field
// replaced, and its edits of the task that lost to a deletion elsewhere, for 14 days. Each has
// "Restore", a new local edit (so it syncs like any change); restored entries say so.
import { For, Show, createSignal, onMount, useContext } from 'solid-js';
import type { JSX } from 'solid-js';
import type { ConflictEntry, TendDb } from '../../db/database';
import { pruneConflicts } from '../../db/database';
import type { TasksStore } from '../../db/tasks-store';
import { AppContext } from '../app-context';
import { createLive } from '../lib/live';
import { describeError } from '../messages';
import { readConflicts, restoreConflict } from '../../sync/conflicts';
import { fieldLabel, formatValue, formatWhen } from './format';

function describeEntry(entry: ConflictEntry): string {
  const field = fieldLabel(entry.field);
  const yours = formatValue(entry.oldValue, entry.field);
  if (entry.kind === 'deleted')
    return `${field}: your edit “${yours}” lost when another device deleted this task (${formatWhen(entry.at)}).`;
  return `${field}: your “${yours}” was replaced by “${formatValue(entry.newValue, entry.field)}” from another device (${formatWhen(entry.at)}).`;
}

export function TaskHistory(props: {
  taskId: string;
  db?: TendDb;
  store?: Pick<TasksStore, 'updateTask'>;
  now?: () => number;
}): JSX.Element {
  const app = useContext(AppContext);
  const db = () => (props.db ?? app?.db) as TendDb;
  const store = () => (props.store ?? app?.store) as Pick<TasksStore, 'updateTask'>;
  const now = () => (props.now ?? Date.now)();
  // Live, so a restore here, or a conflict a sync brings while the dialog is open, shows at once.
  const entries = createLive(
    (taskId) => readConflicts(db(), taskId),
    [],
    () => props.taskId,
  );
  onMount(() => void pruneConflicts(db(), now()).catch(() => undefined));
  const [notice, setNotice] = createSignal('');

  async function restore(entry: ConflictEntry) {
    try {
      await restoreConflict(store(), entry, db());
      setNotice(
        entry.kind === 'deleted'
          ? `Task restored with your ${fieldLabel(entry.field).toLowerCase()}.`
          : `${fieldLabel(entry.field)} restored.`,
      );
    } catch (error) {
      setNotice(describeError(error));
    }
  }

  return (
    <section class="task-history" aria-labelledby="task-history-heading">
      <h3 id="task-history-heading">Change history</h3>
      <Show
        when={entries.value().length}
        fallback={
          <p>No edits from other devices replaced your changes to this task in the last 14 days.</p>
        }
      >
        <ul>
          <For each={entries.value()}>
            {(entry) => (
              <li classList={{ 'is-restored': !!entry.restoredAt }}>
                <p>{describeEntry(entry)}</p>
                <Show
                  when={entry.restoredAt}
                  fallback={
                    <button
                      type="button"
                      class="btn"
                      aria-label={
                        entry.kind === 'deleted'
                          ? `Restore the task with ${fieldLabel(entry.field)} “${formatValue(entry.oldValue, entry.field)}”`
                          : `Restore ${fieldLabel(entry.field)} to “${formatValue(entry.oldValue, entry.field)}”`
                      }
                      onClick={() => void restore(entry)}
                    >
                      Restore
                    </button>
                  }
                >
                  {(at) => <p class="hint history-restored">Restored {formatWhen(at())}</p>}
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <p role="status" class="task-history-notice">
        {notice()}
      </p>
    </section>
  );
}

export default TaskHistory;
