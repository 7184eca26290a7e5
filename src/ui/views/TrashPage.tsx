// The Trash: deleted tasks, most recently deleted first, each with Restore. Opening one shows its change
// history, where an edit that lost to the deletion on another device can be restored for 14 days.
import { For, Show } from 'solid-js';
import type { JSX } from 'solid-js';
import { queryTrash } from '../../db/queries';
import { useApp } from '../app-context';
import { Icon } from '../icons';
import { formatDateTime } from '../lib/dates';
import { createLive } from '../lib/live';
import { createTaskActions } from '../tasks/actions';
import { View } from '../lib/View';
import { ViewError } from '../lib/ViewError';

export default function TrashPage(): JSX.Element {
  const app = useApp();
  const actions = createTaskActions({ store: app.store, toasts: app.toasts, today: app.today });
  const trash = createLive(() => queryTrash(app.db), []);

  return (
    <View
      class="trash"
      title="Trash"
      header={
        <Show when={trash.value().length > 0}>
          <p class="view-count">
            {trash.value().length === 1
              ? '1 deleted task'
              : `${trash.value().length} deleted tasks`}
          </p>
        </Show>
      }
    >
      <ViewError error={trash.error()} />
      <Show
        when={!trash.ready() || trash.value().length > 0}
        fallback={
          <div class="empty-state">
            <div class="empty-art" aria-hidden="true" />
            <h2>The Trash is empty</h2>
            <p>Deleted tasks wait here, so you can bring one back.</p>
          </div>
        }
      >
        <ul class="trash-list" aria-label="Deleted tasks">
          <For each={trash.value()}>
            {(task) => (
              <li class="trash-item">
                <div class="row-body">
                  <button type="button" class="row-title" onClick={() => app.openTask(task.id)}>
                    {task.title}
                  </button>
                  <div class="row-meta">
                    <Show when={task.deletedAt}>
                      {(at) => <span>Deleted {formatDateTime(at())}</span>}
                    </Show>
                  </div>
                </div>
                <button
                  type="button"
                  class="btn"
                  aria-label={`Restore “${task.title}”`}
                  onClick={() => void actions.restore([task])}
                >
                  <Icon name="undo" />
                  Restore
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </View>
  );
}
