// The sync status pill, holding the page's role="status" element: "Local only" for someone not signed
// in (nothing is pending when there is nowhere to send it), "Offline" only when the browser is, "Server
// unreachable" when the network is up but the server is not, and never "Synced" while changes wait.
// It opens a small panel with the last sync, the changes waiting and "Sync now".
import { Show, createSignal, createUniqueId, onCleanup } from 'solid-js';
import type { Accessor, JSX } from 'solid-js';
import { syncStatus } from '../../sync/status';
import type { SyncStatus as SyncStatusValue } from '../../sync/status';
import { Icon } from '../icons';
import { formatDateTime, formatMomentTime } from '../lib/dates';
import { LIVE_LABEL, SYNC_STATE_LABELS, describeSyncProblem, plural } from '../messages';

function useOnline(win: Window = window): Accessor<boolean> {
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

type Shown = Partial<SyncStatusValue> & Pick<SyncStatusValue, 'state'>;

/** Runs a sync now; the sync module (and supabase-js) load only when someone asks. */
async function syncNowLazily(): Promise<void> {
  const { getSyncServices } = await import('../../sync/setup');
  await getSyncServices()?.engine.syncNow();
}

export function SyncStatus(props: {
  source?: Accessor<Partial<SyncStatusValue> | undefined>;
  syncNow?: () => Promise<void>;
}): JSX.Element {
  const online = useOnline();
  const panelId = createUniqueId();
  const [open, setOpen] = createSignal(false);
  let root: HTMLDivElement | undefined; // eslint-disable-line no-unassigned-vars -- assigned by ref
  const source = () => props.source ?? syncStatus;
  const status = (): Shown => {
    const fromSync = source()?.();
    // Signed out ("local"), the network still matters to the user: say Offline when it is gone.
    if (fromSync?.state && !(fromSync.state === 'local' && !online()))
      return { ...fromSync, state: fromSync.state };
    return { ...fromSync, state: online() ? 'local' : 'offline' };
  };
  const signedIn = () => !['local', undefined].includes(source()?.()?.state);
  /** Changes waiting for the server; none when there is no server to send them to. */
  const pending = () => (signedIn() ? (status().pending ?? 0) : 0);
  const label = () => {
    const s = status();
    if (s.state === 'synced' && pending() > 0) return 'Waiting to sync';
    if (s.state === 'synced' && s.live) return LIVE_LABEL;
    return SYNC_STATE_LABELS[s.state];
  };
  const problemText = () => {
    const found = status().problem;
    return found ? describeSyncProblem(found) : undefined;
  };
  const detail = () => {
    const s = status();
    const parts: string[] = [];
    if (pending()) parts.push(`${pending()} pending`);
    if (signedIn() && s.lastSyncedAt && s.state === 'synced' && !pending())
      parts.push(`last synced ${formatMomentTime(s.lastSyncedAt)}`);
    return parts.join(' · ');
  };
  const [busy, setBusy] = createSignal(false);
  async function syncNow() {
    setBusy(true);
    try {
      await (props.syncNow ?? syncNowLazily)();
    } finally {
      setBusy(false);
    }
  }

  // A click outside or Escape (wherever focus is: "Sync now" is disabled while it runs) closes it.
  const onDocumentPointer = (event: PointerEvent) => {
    if (open() && root && !root.contains(event.target as Node)) setOpen(false);
  };
  const onDocumentKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open()) return;
    event.preventDefault();
    const hadFocus = !!root?.contains(document.activeElement);
    setOpen(false);
    if (hadFocus || document.activeElement === document.body)
      root?.querySelector<HTMLElement>('.sync-status')?.focus();
  };
  document.addEventListener('pointerdown', onDocumentPointer);
  document.addEventListener('keydown', onDocumentKey, true);
  onCleanup(() => {
    document.removeEventListener('pointerdown', onDocumentPointer);
    document.removeEventListener('keydown', onDocumentKey, true);
  });

  return (
    <div ref={root} class="sync-status-wrap">
      <button
        type="button"
        class="sync-status"
        classList={{ [`is-${status().state}`]: true, 'is-waiting': pending() > 0 }}
        aria-expanded={open()}
        aria-controls={panelId}
        title={problemText() ?? 'Sync details'}
        onClick={() => setOpen(!open())}
      >
        <Icon
          name={['offline', 'unreachable', 'error'].includes(status().state) ? 'cloudOff' : 'cloud'}
        />
        <span role="status" class="sync-text">
          <span class="sync-label">{label()}</span>
          <Show when={detail()}>
            <span class="sync-detail">{detail()}</span>
          </Show>
        </span>
        <Show when={status().state === 'syncing' && typeof status().progress === 'number'}>
          <progress
            class="sync-progress"
            max="1"
            value={status().progress ?? 0}
            aria-label="Sync progress"
          />
        </Show>
      </button>
      <Show when={open()}>
        <section id={panelId} class="sync-panel" aria-label="Sync">
          <dl>
            <dt>Status</dt>
            <dd>{label()}</dd>
            <dt>Last synced</dt>
            <dd>
              {signedIn() && status().lastSyncedAt
                ? formatDateTime(status().lastSyncedAt!)
                : 'Never'}
            </dd>
            <dt>Changes waiting</dt>
            <dd>{signedIn() ? plural(pending(), 'change') : 'None: nothing leaves this device'}</dd>
          </dl>
          <Show when={problemText()}>
            <p class="sync-panel-problem">{problemText()}</p>
          </Show>
          <Show
            when={signedIn()}
            fallback={
              <p>
                Your tasks are saved on this device. <a href="/settings">Sign in</a> to sync them
                across devices.
              </p>
            }
          >
            <button
              type="button"
              class="btn btn-primary"
              disabled={busy() || status().state === 'syncing'}
              onClick={() => void syncNow()}
            >
              Sync now
            </button>
          </Show>
        </section>
      </Show>
    </div>
  );
}
