// The page's sync loop: push the outbox, then pull, one tab at a time. Triggered on start, when the
// browser comes online, when the tab becomes visible, on a timer, and shortly after local changes;
// failures back off and hand over to Background Sync where the browser has it.
import type { Transaction } from 'dexie';
import type { Clock } from '../core/hlc';
import type { TendDb } from '../db/database';
import { getMeta, META_KEYS, pruneConflicts, setMeta } from '../db/database';
import { OUTBOX_SYNC_TAG } from '../core/sw-protocol';
import { SyncHttpError } from './http';
import type { SyncTransport } from './http';
import { runExclusive, SYNC_LOCK } from './lock';
import { countPending, listRejected } from './outbox';
import { pullChanges } from './pull';
import { isUnauthorized, retryAfterRefresh } from './refresh-on-unauthorized';
import { replayOutbox } from './replay-outbox';
import { DEFAULT_RETRY_POLICY, retryDelay } from './retry';
import type { RetryPolicy } from './retry';
import { DEVICE_CLOCK_AHEAD_PROBLEM, OFFLINE_PROBLEM, updateSyncStatus } from './status';
import type { SyncProblem, SyncStatus } from './status';

const LAST_SYNCED_KEY = META_KEYS.lastSyncedAt;

export interface SyncEnvironment {
  isOnline(): boolean;
  isVisible(): boolean;
  /** Subscribes to `online` and visible `visibilitychange`; returns the unsubscribe. */
  onWake(listener: () => void): () => void;
  /** Subscribes to `offline`, so the status says so at once rather than at the next attempt. */
  onOffline?(listener: () => void): () => void;
  locks?: Pick<LockManager, 'request'>;
  /** Asks the service worker to replay the outbox later (Background Sync), where available. */
  registerBackgroundSync?: () => Promise<void>;
}

export interface SyncEngineOptions extends SyncTransport {
  db: TendDb;
  /** Forces a token refresh after a 401 (see TendAuth.refreshAccessToken); the run is retried once. */
  refreshAccessToken?: () => Promise<string | null>;
  clock: Clock;
  clientId: string;
  env?: SyncEnvironment;
  random?: () => number;
  intervalMs?: number;
  /** Delay between a local change and its push, so a burst of edits goes in one request. */
  debounceMs?: number;
  /** When a failed run goes again (the one retry decision of a sync). */
  retry?: Partial<Omit<RetryPolicy, 'random'>>;
  setStatus?: (patch: Partial<SyncStatus>) => void;
}

export interface SyncEngine {
  start(): void;
  stop(): void;
  /** Runs push + pull now (or joins the run in progress); never rejects. */
  syncNow(): Promise<void>;
  /** A live stream tells us when to pull: while it is connected the interval poll stops. */
  setLive(live: boolean): void;
}

export function browserEnvironment(): SyncEnvironment {
  return {
    isOnline: () => navigator.onLine !== false,
    isVisible: () => document.visibilityState !== 'hidden',
    onWake(listener) {
      const onVisibility = () => document.visibilityState === 'visible' && listener();
      window.addEventListener('online', listener);
      document.addEventListener('visibilitychange', onVisibility);
      return () => {
        window.removeEventListener('online', listener);
        document.removeEventListener('visibilitychange', onVisibility);
      };
    },
    onOffline(listener) {
      window.addEventListener('offline', listener);
      return () => window.removeEventListener('offline', listener);
    },
    locks: navigator.locks,
    async registerBackgroundSync() {
      const registration = await navigator.serviceWorker?.getRegistration();
      const sync = (registration as { sync?: { register(tag: string): Promise<void> } } | undefined)
        ?.sync;
      await sync?.register(OUTBOX_SYNC_TAG);
    },
  };
}

const KIND_CODES: Partial<Record<string, string>> = {
  network: 'network_error',
  transient: 'server_error',
  unauthorized: 'unauthorized',
  expired: 'cursor_expired',
};

/** The problem a failed sync reports: by failure kind first, so injected or unknown codes still read well. */
function syncProblemOf(error: unknown): SyncProblem {
  if (error instanceof SyncHttpError)
    return { code: KIND_CODES[error.kind] ?? error.code, detail: error.message };
  return { code: 'sync_failed', detail: error instanceof Error ? error.message : String(error) };
}

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const {
    db,
    clock,
    env = browserEnvironment(),
    random = Math.random,
    intervalMs = 60_000,
    debounceMs = 1_000,
    setStatus = updateSyncStatus,
  } = options;
  const now = options.now ?? Date.now;
  const retryPolicy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry, random };
  let running: Promise<void> | null = null;
  let again = false;
  let failures = 0;
  let stopped = true;
  let live = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cleanups: (() => void)[] = [];

  /** Whether the pending timer is the interval poll (not a retry, nor a push after a local change). */
  let polling = false;

  function schedule(ms: number, poll = false) {
    clearTimeout(timer);
    polling = poll;
    if (!stopped)
      timer = setTimeout(() => {
        timer = undefined;
        void syncNow();
      }, ms);
  }

  async function refreshCounts() {
    const [pending, rejected] = await Promise.all([countPending(db), listRejected(db)]);
    setStatus({ pending, rejected: rejected.length });
    return pending;
  }

  async function runOnce(): Promise<void> {
    try {
      const token = await options.getAccessToken();
      if (!token) return setStatus({ state: 'local', problem: null, progress: null, pull: null });
      if (!env.isOnline())
        return setStatus({
          state: 'offline',
          problem: OFFLINE_PROBLEM,
          progress: null,
          pull: null,
        });
      setStatus({ state: 'syncing', problem: null });
      await retryAfterRefresh(
        () => runExclusive(SYNC_LOCK, pushThenPull, env.locks),
        options.refreshAccessToken,
      );
      failures = 0;
      const at = new Date(now()).toISOString();
      await setMeta(db, LAST_SYNCED_KEY, at);
      await pruneConflicts(db, now());
      setStatus({
        state: 'synced',
        lastSyncedAt: at,
        // A corrected device clock stays worth saying until the device agrees with the server again.
        problem: clock.offsetMs() !== 0 ? DEVICE_CLOCK_AHEAD_PROBLEM : null,
        progress: null,
        pull: null,
        skewMs: clock.skewMs(),
      });
      // The poll is the fallback for when no stream is connected.
      if (!live) schedule(intervalMs, true);
    } catch (error) {
      failures += 1;
      // A request that never got an answer: the device is offline, or (online) the server is down.
      const noAnswer = error instanceof SyncHttpError && error.kind === 'network';
      setStatus({
        state: noAnswer ? (env.isOnline() ? 'unreachable' : 'offline') : 'error',
        problem: syncProblemOf(error),
        progress: null,
        pull: null,
        skewMs: clock.skewMs(),
      });
      if (!isUnauthorized(error)) {
        void env.registerBackgroundSync?.().catch(() => undefined);
        // The one retry of a sync: the whole run again, after a jittered wait that respects Retry-After.
        schedule(retryDelay(error, failures, retryPolicy));
      }
    } finally {
      await refreshCounts();
    }
  }

  async function pushThenPull(): Promise<void> {
    const pushed = await replayOutbox(options);
    if (pushed.clockAheadMs !== undefined)
      setStatus({
        deviceClockAheadMs: pushed.clockAheadMs,
        problem: DEVICE_CLOCK_AHEAD_PROBLEM,
      });
    await pullChanges({
      ...options,
      onProgress: (pull) =>
        setStatus(
          pull.done
            ? { progress: null, pull: null }
            : { pull, progress: pull.total ? Math.min(1, pull.received / pull.total) : null },
        ),
    });
  }

  function syncNow(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await runOnce().catch(() => undefined);
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      // Only the "last synced" line waits on this read; storage that refuses it (closed as the page shuts)
      // fails the sync that follows, which says so.
      void getMeta<string>(db, LAST_SYNCED_KEY).then(
        (at) => at && setStatus({ lastSyncedAt: at }),
        () => undefined,
      );
      cleanups.push(env.onWake(() => void syncNow()));
      const offline = env.onOffline?.(() => {
        if (!running) setStatus({ state: 'offline', problem: OFFLINE_PROBLEM });
      });
      if (offline) cleanups.push(offline);
      // A new local change (this context): push it soon, and let the service worker finish it if the
      // tab closes first. A Dexie hook, not liveQuery: it fires inside the writing transaction, everywhere.
      // Once per transaction, not per entry: an import of 10,000 tasks would otherwise queue 10,000
      // full outbox counts and starve every other tab's database open.
      const seen = new WeakSet<Transaction>();
      const onCreating = (_key: unknown, _entry: unknown, transaction: Transaction) => {
        if (seen.has(transaction)) return;
        seen.add(transaction);
        transaction.on('complete', () => void refreshCounts());
        void env.registerBackgroundSync?.().catch(() => undefined);
        schedule(debounceMs);
      };
      db.outbox.hook('creating', onCreating);
      cleanups.push(() => db.outbox.hook('creating').unsubscribe(onCreating));
      void syncNow();
    },
    stop() {
      stopped = true;
      again = false;
      clearTimeout(timer);
      cleanups.splice(0).forEach((cleanup) => cleanup());
    },
    syncNow,
    setLive(value) {
      if (value === live) return;
      live = value;
      setStatus({ live });
      // The stream says when to pull now: a poll already set would be one pull too many.
      if (live && polling) {
        clearTimeout(timer);
        timer = undefined;
        polling = false;
      }
      if (!live && timer === undefined) schedule(intervalMs, true);
    },
  };
}
