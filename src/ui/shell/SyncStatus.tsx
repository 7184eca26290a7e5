// The role="status" element: sync and connectivity state. Uses H8's `syncStatus()` accessor when
// src/sync/status.ts exists; until then (or signed out) it shows "Local only" or "Offline".
import { Show, createSignal, onCleanup } from 'solid-js';
import type { Accessor, JSX } from 'solid-js';
import { Icon } from '../icons';

export interface SyncStatusValue {
  state: 'local' | 'offline' | 'syncing' | 'synced' | 'error';
  lastSyncedAt?: string | null;
  pending?: number;
  message?: string;
  progress?: number | null;
}

type StatusModule = {
  syncStatus?: Accessor<Partial<SyncStatusValue> | undefined>;
  SYNC_STATE_LABELS?: Partial<Record<SyncStatusValue['state'], string>>;
};
// Eager so the status is right on first paint; an empty map when the module does not exist yet.
const modules = import.meta.glob<StatusModule>('../../sync/status.ts', { eager: true });
const syncModule: StatusModule | undefined = Object.values(modules)[0];

// The sync module's words when it provides them, so the status and the account panel agree.
const LABELS: Record<SyncStatusValue['state'], string> = {
  local: 'Local only',
  offline: 'Offline',
  syncing: 'Syncing',
  synced: 'Synced',
  error: 'Sync error',
  ...syncModule?.SYNC_STATE_LABELS,
};

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

export function SyncStatus(props: { source?: StatusModule['syncStatus'] }): JSX.Element {
  const online = useOnline();
  const source = () => props.source ?? syncModule?.syncStatus;
  const status = (): SyncStatusValue => {
    const fromSync = source()?.();
    // Signed out ("local"), the network still matters to the user: say Offline when it is gone.
    if (fromSync?.state && !(fromSync.state === 'local' && !online()))
      return fromSync as SyncStatusValue;
    return { ...fromSync, state: online() ? 'local' : 'offline' };
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
      title={status().message ?? detail()}
    >
      <Icon
        name={status().state === 'offline' || status().state === 'error' ? 'cloudOff' : 'cloud'}
      />
      <span class="sync-label">{LABELS[status().state]}</span>
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
