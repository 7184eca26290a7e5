// The progress bar of a first (or full) sync onto this device; nothing otherwise.
import { Show } from 'solid-js';
import type { JSX } from 'solid-js';
import { syncStatus } from '../../sync/status';

const COUNT = new Intl.NumberFormat();

export function SyncProgress(): JSX.Element {
  const pull = () => {
    const p = syncStatus().pull;
    return p && p.initial && !p.done ? p : null;
  };
  return (
    <Show when={pull()}>
      {(p) => (
        <div class="sync-initial" role="group" aria-label="Initial sync">
          <label for="sync-initial-progress">
            {p().total
              ? `Syncing your tasks: ${COUNT.format(p().received)} of ${COUNT.format(p().total as number)}`
              : `Syncing your tasks: ${COUNT.format(p().received)} received`}
          </label>
          {/* Without a total the bar is indeterminate: no value attribute at all. */}
          <Show when={p().total} fallback={<progress id="sync-initial-progress" />}>
            {(total) => <progress id="sync-initial-progress" max={total()} value={p().received} />}
          </Show>
        </div>
      )}
    </Show>
  );
}
