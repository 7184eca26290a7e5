// Live sync for one signed-in user in this tab: joins the per-browser leader election; the leader keeps
// the event stream open (reconnecting with jittered back-off, honouring Retry-After, refreshing an
// expired token) and relays events; every tab pulls when a change is ahead of the device's cursor.
// Reports the connection so the engine polls only while there is no stream.
import type { SyncTransport } from '../http';
import { backoffDelay } from '../retry';
import { readEventStream } from './event-stream';
import type { StreamEnd } from './event-stream';
import { startLeaderElection } from './leader';
import type { ChannelLike, LiveConnection, LiveMessage } from './leader';
import { createPullScheduler } from './pull-scheduler';
import type { PullSchedulerOptions } from './pull-scheduler';

export type { LiveConnection };

export interface LiveSyncOptions extends SyncTransport {
  userId: string;
  /** Forces a token refresh after a 401 on a token this device thinks valid. */
  refreshAccessToken?: () => Promise<string | null>;
  /** The device's pull cursor (a sequence), or undefined before the first pull. */
  getCursor: () => Promise<number | undefined>;
  /** Push and pull now (the engine's syncNow). */
  pull: () => Promise<void>;
  onConnection: (connection: LiveConnection) => void;
  locks: Pick<LockManager, 'request'>;
  openChannel: (name: string) => ChannelLike;
  isOnline: () => boolean;
  /** Subscribes to `online`; returns the unsubscribe. */
  onOnline: (listener: () => void) => () => void;
  random?: () => number;
  /** Debounce of change events; see createPullScheduler. */
  scheduler?: Omit<PullSchedulerOptions, 'pull'>;
  /**
   * Extra wait of the tabs that do not hold the stream: the holder's pull usually lands first and they
   * find the shared cursor current. They still pull themselves, in case the holder is a hidden tab
   * whose timers the browser slows down.
   */
  followerDelayMs?: number;
  /** Waits after failures: full jitter between 0 and min(max, base * 2^n). */
  backoff?: { baseMs: number; maxMs: number };
}

export interface LiveSync {
  stop(): void;
}

/** How long to wait before reconnecting, from how the last stream ended. */
export function reconnectDelay(
  end: Exclude<StreamEnd, { kind: 'aborted' }>,
  failures: number,
  retryMs: number,
  backoff: { baseMs: number; maxMs: number },
  random: () => number,
): number {
  const jittered = backoffDelay(failures, backoff.baseMs, backoff.maxMs, random);
  switch (end.kind) {
    case 'ended':
      // A healthy stream that ended (token expiry, deploy): spread the reconnects of every client.
      return Math.floor(retryMs / 2 + random() * retryMs);
    case 'unavailable':
      return Math.max(end.retryAfterMs ?? 5 * 60_000, 60_000);
    case 'refused':
    case 'failed':
      return Math.max(end.retryAfterMs ?? 0, jittered);
    case 'unauthorized':
      return jittered;
  }
}

export function startLiveSync(options: LiveSyncOptions): LiveSync {
  const random = options.random ?? Math.random;
  const backoff = options.backoff ?? { baseMs: 1_000, maxMs: 60_000 };
  const followerDelayMs = options.followerDelayMs ?? 300;
  let newest = -1;
  // A cursor storage cannot read counts as none: the pull asked for then reports the failure itself
  // (the sync status), where a rejection here would go unhandled.
  const behind = async () => {
    const cursor = await options.getCursor().catch(() => undefined);
    return cursor === undefined || newest > cursor;
  };
  // Checked again when the wait is over: another tab may have pulled in the meantime.
  const scheduler = createPullScheduler({
    ...options.scheduler,
    pull: async () => {
      if (await behind()) await options.pull();
    },
  });
  let followerTimer: ReturnType<typeof setTimeout> | undefined;

  async function onChange(seq: number) {
    if (seq <= newest) return;
    newest = seq;
    if (!(await behind())) return;
    if (leader.isLeader()) return scheduler.request();
    clearTimeout(followerTimer);
    followerTimer = setTimeout(() => {
      void behind().then((yes) => yes && scheduler.request());
    }, followerDelayMs);
  }

  function onMessage(message: LiveMessage) {
    if (message.kind === 'change') void onChange(message.seq);
    else if (message.kind === 'connection') options.onConnection(message.connection);
  }

  /** Resolves after `ms`, at once when the browser comes back online, or when aborted. */
  function wait(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        unsubscribe();
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      const unsubscribe = options.onOnline(done);
      signal.addEventListener('abort', done);
    });
  }

  async function lead(signal: AbortSignal, publish: (message: LiveMessage) => void) {
    let failures = 0;
    let retryMs = 3_000;
    let refreshed = false;
    while (!signal.aborted) {
      if (!options.isOnline()) {
        publish({ kind: 'connection', connection: 'connecting' });
        await wait(60_000, signal);
        continue;
      }
      const token = await options.getAccessToken().catch(() => null);
      if (!token) {
        await wait(backoffDelay(failures++, backoff.baseMs, backoff.maxMs, random), signal);
        continue;
      }
      const end = await readEventStream({
        fetch: options.fetch,
        baseUrl: options.baseUrl,
        token,
        signal,
        now: options.now,
        onOpen() {
          failures = 0;
          refreshed = false;
          publish({ kind: 'connection', connection: 'live' });
        },
        onChange: (seq) => publish({ kind: 'change', seq }),
        onRetry: (ms) => (retryMs = ms),
      });
      if (end.kind === 'aborted') return;
      if (end.kind === 'unauthorized' && !refreshed && options.refreshAccessToken) {
        refreshed = true;
        if (await options.refreshAccessToken().catch(() => null)) continue;
      }
      if (end.kind !== 'ended') failures += 1;
      const fallback = end.kind === 'unavailable' || end.kind === 'refused';
      publish({ kind: 'connection', connection: fallback ? 'unavailable' : 'connecting' });
      await wait(reconnectDelay(end, failures, retryMs, backoff, random), signal);
    }
  }

  const leader = startLeaderElection({
    userId: options.userId,
    locks: options.locks,
    openChannel: options.openChannel,
    lead,
    onMessage,
  });
  options.onConnection('connecting');

  return {
    stop() {
      leader.stop();
      scheduler.cancel();
      clearTimeout(followerTimer);
    },
  };
}
