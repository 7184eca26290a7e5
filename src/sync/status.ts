// The sync status the UI shows (H3's status element, the account panel, the progress bar): one Solid
// signal written by the sync engine. Labels live here so every view says the same words.
import { createSignal } from 'solid-js';
import type { Accessor } from 'solid-js';
import type { PullProgress } from './pull';

export type SyncState = 'local' | 'offline' | 'syncing' | 'synced' | 'error';

export interface SyncStatus {
  state: SyncState;
  /** ISO time of the last complete push + pull, or null if never. */
  lastSyncedAt: string | null;
  /** Local changes not yet acknowledged by the server (rejected ones excluded). */
  pending: number;
  /** Changes the server refused for good; listed in the account panel. */
  rejected: number;
  /** A sentence for the user when something needs attention, else null. */
  message: string | null;
  /** Fraction 0..1 of the running pull when the server says how much is left, else null. */
  progress: number | null;
  /** Details of the running pull (the initial-sync progress bar), null when none runs. */
  pull: PullProgress | null;
  /** How far (ms) another device's clock ran ahead of ours; shown in diagnostics, never fatal. */
  skewMs: number;
}

export const SYNC_STATE_LABELS: Record<SyncState, string> = {
  local: 'Local only',
  offline: 'Offline',
  syncing: 'Syncing',
  synced: 'Synced',
  error: 'Error',
};

const INITIAL: SyncStatus = {
  state: 'local',
  lastSyncedAt: null,
  pending: 0,
  rejected: 0,
  message: null,
  progress: null,
  pull: null,
  skewMs: 0,
};

const [status, setStatus] = createSignal<SyncStatus>(INITIAL);

/** The current sync status (reactive). */
export const syncStatus: Accessor<SyncStatus> = status;

export function updateSyncStatus(patch: Partial<SyncStatus>): void {
  setStatus((previous) => ({ ...previous, ...patch }));
}

export function resetSyncStatus(): void {
  setStatus(INITIAL);
}
