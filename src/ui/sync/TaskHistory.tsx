// A task's conflict journal: values another device's newer write replaced in the last 14 days, each
// with "Restore", which writes the old value again as a new local edit (so it syncs like any change).
import { createResource, createSignal, For, Show, useContext } from 'solid-js';
import type { JSX } from 'solid-js';
import type { TendDb } from '../../db/database';
import type { TasksStore } from '../../db/tasks-store';
import { AppContext } from '../app-context';
import { describeError } from '../messages';
import { listConflicts, restoreConflict } from '../../sync/conflicts';
import { fieldLabel, formatValue, formatWhen } from './format';

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
  const [entries, { refetch }] = createResource(
    () => props.taskId,
    (taskId) => listConflicts(db(), taskId, now()),
  );
  const [notice, setNotice] = createSignal('');

  return (
    <section class="task-history" aria-labelledby="task-history-heading">
      <h3 id="task-history-heading">Change history</h3>
      <Show
        when={entries()?.length}
        fallback={
          <p>No edits from other devices replaced this task’s values in the last 14 days.</p>
        }
      >
        <ul>
          <For each={entries()}>
            {(entry) => (
              <li>
                <p>
                  {fieldLabel(entry.field)}: “{formatValue(entry.oldValue)}” was replaced by “
                  {formatValue(entry.newValue)}” from another device ({formatWhen(entry.at)}).
                </p>
                <button
                  type="button"
                  class="btn"
                  aria-label={`Restore ${fieldLabel(entry.field)} to “${formatValue(entry.oldValue)}”`}
                  onClick={async () => {
                    try {
                      await restoreConflict(store(), entry);
                      setNotice(`${fieldLabel(entry.field)} restored.`);
                      await refetch();
                    } catch (error) {
                      setNotice(describeError(error));
                    }
                  }}
                >
                  Restore
                </button>
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
