// One live stream per signed-in user per browser, not per tab: the tab that holds the user's Web Lock
// runs the stream and relays what it hears over a BroadcastChannel; the other tabs wait in the lock's
// queue, so when the holder closes (the browser releases its locks) the next one takes over.
export type LiveConnection = 'connecting' | 'live' | 'unavailable';

export type LiveMessage =
  | { kind: 'change'; seq: number }
  | { kind: 'connection'; connection: LiveConnection }
  /** A tab that just joined asks the holder for its connection state. */
  | { kind: 'hello' };

export interface ChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

interface LeaderOptions {
  /** Lock and channel are per user, so two accounts in one browser never share a stream. */
  userId: string;
  locks: Pick<LockManager, 'request'>;
  openChannel: (name: string) => ChannelLike;
  /**
   * The holder's work: runs while this tab holds the lock and until `signal` aborts. `publish` reaches
   * every tab of the user, this one included.
   */
  lead(signal: AbortSignal, publish: (message: LiveMessage) => void): Promise<void>;
  /** Every message, in every tab (the holder's own included). */
  onMessage(message: LiveMessage): void;
}

export interface Leader {
  isLeader(): boolean;
  stop(): void;
}

const liveLockName = (userId: string) => `tend-live:${userId}`;

function isLiveMessage(value: unknown): value is LiveMessage {
  const m = value as Partial<LiveMessage> | null;
  if (!m || typeof m !== 'object') return false;
  if (m.kind === 'hello') return true;
  if (m.kind === 'change') return typeof m.seq === 'number' && Number.isSafeInteger(m.seq);
  return (
    m.kind === 'connection' &&
    ['connecting', 'live', 'unavailable'].includes((m as { connection: string }).connection)
  );
}

export function startLeaderElection(options: LeaderOptions): Leader {
  const name = liveLockName(options.userId);
  const channel = options.openChannel(name);
  const stopped = new AbortController();
  let leading = false;
  let lastConnection: LiveConnection | null = null;

  const publish = (message: LiveMessage) => {
    if (stopped.signal.aborted) return;
    if (message.kind === 'connection') lastConnection = message.connection;
    channel.postMessage(message);
    options.onMessage(message);
  };

  channel.addEventListener('message', (event) => {
    if (!isLiveMessage(event.data)) return;
    if (event.data.kind === 'hello') {
      if (leading && lastConnection)
        channel.postMessage({ kind: 'connection', connection: lastConnection });
      return;
    }
    options.onMessage(event.data);
  });
  channel.postMessage({ kind: 'hello' });

  options.locks
    .request(name, { signal: stopped.signal }, async () => {
      leading = true;
      try {
        await options.lead(stopped.signal, publish);
      } finally {
        leading = false;
      }
    })
    // AbortError when stop() runs while still queued for the lock.
    .catch(() => undefined);

  return {
    isLeader: () => leading,
    stop() {
      stopped.abort();
      channel.close();
    },
  };
}
