// The sync status the UI shows (the shell's status element, the account panel, the progress bar): one
// Solid signal written by the sync engine. It holds codes and data; the UI's messages module says them.
import { createSignal } from 'solid-js';
import type { Accessor } from 'solid-js';
import type { PullProgress } from './pull';

/**
 * `local`: not signed in, nothing to send anywhere. `offline`: the browser has no network.
 * `unreachable`: the network is up but the sync server did not answer.
 */
export type SyncState = 'local' | 'offline' | 'unreachable' | 'syncing' | 'synced' | 'error';

export interface SyncStatus {
  state: SyncState;
  /** ISO time of the last complete push + pull, or null if never. */
  lastSyncedAt: string | null;
  /** Local changes not yet acknowledged by the server (rejected ones excluded). */
  pending: number;
  /** Changes the server refused for good; listed in the account panel. */
  rejected: number;
  /** What needs the user's attention, else null. */
  problem: SyncProblem | null;
  /** Fraction 0..1 of the running pull when the server says how much is left, else null. */
  progress: number | null;
  /** Details of the running pull (the initial-sync progress bar), null when none runs. */
  pull: PullProgress | null;
  /** How far (ms) another device's clock ran ahead of ours; shown in diagnostics, never fatal. */
  skewMs: number;
  /** A live event stream is connected (in this tab or another tab of this browser): no polling. */
  live: boolean;
  /** How far (ms) this device's clock ran ahead of the server's when its changes were last re-stamped. */
  deviceClockAheadMs: number;
}

/** A sync failure: a code the UI turns into words, and the server's or the runtime's own text. */
export interface SyncProblem {
  code: string;
  detail: string;
}

export const OFFLINE_PROBLEM: SyncProblem = { code: 'offline', detail: 'offline' };
/** The server found this device's clock ahead of its own and the changes were re-stamped. */
export const DEVICE_CLOCK_AHEAD_PROBLEM: SyncProblem = {
  code: 'device_clock_ahead',
  detail: 'device clock ahead of the server',
};

/** A local storage failure as a sync problem: Dexie's error name is the code the messages know. */
export function storageProblemOf(error: unknown): SyncProblem {
  return error instanceof Error
    ? { code: error.name, detail: error.message }
    : { code: 'sync_failed', detail: String(error) };
}

const INITIAL: SyncStatus = {
  state: 'local',
  lastSyncedAt: null,
  pending: 0,
  rejected: 0,
  problem: null,
  progress: null,
  pull: null,
  skewMs: 0,
  live: false,
  deviceClockAheadMs: 0,
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
