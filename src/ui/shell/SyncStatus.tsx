// The role="status" element: sync and connectivity state. Signed out it shows "Local only", or
// "Offline" when the network is gone.
import { Show, createSignal, onCleanup } from 'solid-js';
import type { Accessor, JSX } from 'solid-js';
import { syncStatus } from '../../sync/status';
import type { SyncStatus as SyncStatusValue } from '../../sync/status';
import { Icon } from '../icons';
import { LIVE_LABEL, SYNC_STATE_LABELS, describeSyncProblem } from '../messages';

export function useOnline(win: Window = window): Accessor<boolean> {
  const [online, setOnline] = createSignal(win.navigator.onLine);
  const update = () => setOnline(win.navigator.onLine);
  win.addEventListener('online', update);
  win.addEventListener('offline', update);
  onCleanup(() => {
    win.removeEventListener('online', update);
    win.removeEventListener('offline', update);
  });
  return online;
}

const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

export function SyncStatus(props: {
  source?: Accessor<Partial<SyncStatusValue> | undefined>;
}): JSX.Element {
  const online = useOnline();
  const source = () => props.source ?? syncStatus;
  const status = (): Partial<SyncStatusValue> & Pick<SyncStatusValue, 'state'> => {
    const fromSync = source()?.();
    // Signed out ("local"), the network still matters to the user: say Offline when it is gone.
    if (fromSync?.state && !(fromSync.state === 'local' && !online()))
      return { ...fromSync, state: fromSync.state };
    return { ...fromSync, state: online() ? 'local' : 'offline' };
  };
  const problem = () => status().problem;
  const problemText = () => {
    const found = problem();
    return found ? describeSyncProblem(found) : undefined;
  };
  const detail = () => {
    const s = status();
    const parts: string[] = [];
    if (s.pending) parts.push(`${s.pending} pending`);
    if (s.lastSyncedAt && s.state !== 'syncing') {
      parts.push(`last synced ${TIME.format(new Date(s.lastSyncedAt))}`);
    }
    return parts.join(' · ');
  };
  return (
    <div
      class="sync-status"
      classList={{ [`is-${status().state}`]: true }}
      role="status"
      title={problemText() ?? detail()}
    >
      <Icon
        name={status().state === 'offline' || status().state === 'error' ? 'cloudOff' : 'cloud'}
      />
      <span class="sync-label">
        {status().state === 'synced' && status().live
          ? LIVE_LABEL
          : SYNC_STATE_LABELS[status().state]}
      </span>
      <Show when={detail()}>
        <span class="sync-detail">{detail()}</span>
      </Show>
      <Show when={status().state === 'syncing' && typeof status().progress === 'number'}>
        <progress
          class="sync-progress"
          max="1"
          value={status().progress ?? 0}
          aria-label="Sync progress"
        />
      </Show>
    </div>
  );
}
