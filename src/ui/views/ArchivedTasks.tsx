// Under Completed: tasks the server archived (deleted over 90 days ago) that this device still had when
// it resynced. Read-only by design (no checkbox, no detail): they can only be cleared from this device.
import { For, Show } from 'solid-js';
import type { JSX } from 'solid-js';
import { clearArchive, listArchived } from '../../db/archive';
import { useApp } from '../app-context';
import { createLive } from '../lib/live';

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

export function ArchivedTasks(): JSX.Element {
  const app = useApp();
  const archived = createLive(() => listArchived(app.db), []);
  return (
    <Show when={archived.value().length > 0}>
      <section class="archived-tasks" aria-labelledby="archived-title">
        <h2 id="archived-title">Archived on the server</h2>
        <p>
          Read-only copies of tasks the server archived. Clear them when this device no longer needs
          them; the server keeps its archive.
        </p>
        <ul>
          <For each={archived.value()}>
            {(entry) => (
              <li>
                <span class="archived-title">{entry.task.title}</span>
                <Show when={entry.task.completedAt}>
                  {(at) => (
                    <span class="archived-date"> · completed {DATE.format(new Date(at()))}</span>
                  )}
                </Show>
              </li>
            )}
          </For>
        </ul>
        <button type="button" class="btn" onClick={() => void clearArchive(app.db)}>
          Clear archive
        </button>
      </section>
    </Show>
  );
}
