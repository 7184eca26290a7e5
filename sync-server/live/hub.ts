// This instance's open event streams: it listens to the change feed once, fans each event out to the
// streams of its owner, keeps the streams alive with comment lines, ends each one when its access token
// expires, enforces the stream limits, and drops a reader that stops reading instead of buffering for it.
import { formatChangeFrame } from '../../src/core/sync/live-events';
import type { ChangeEvent, ChangeFeed } from './change-feed';

interface LiveLimits {
  /** Streams this instance holds at most (every user together). */
  maxStreams: number;
  /** Streams one user may hold on this instance (one per browser, so a few devices). */
  maxStreamsPerUser: number;
  /** A comment line at least this often keeps proxies from closing an idle stream. */
  heartbeatMs: number;
  /** Sent as `retry:`: how long a client waits before reconnecting after the stream ends. */
  retryMs: number;
  /** Bytes queued for a reader that is not reading; beyond this the stream is dropped. */
  maxQueuedBytes: number;
  /** Retry-After (seconds) of a 429 when a limit is reached. */
  retryAfterSeconds: number;
}

const DEFAULT_LIVE_LIMITS: LiveLimits = {
  maxStreams: 5_000,
  maxStreamsPerUser: 10,
  heartbeatMs: 20_000,
  retryMs: 3_000,
  maxQueuedBytes: 16 * 1024,
  retryAfterSeconds: 30,
};

/** Why a stream could not be opened; the route turns it into an HTTP answer. */
type OpenRefusal =
  | {
      code: 'too_many_streams';
      scope: 'user' | 'instance';
      limit: number;
      retryAfterSeconds: number;
    }
  | { code: 'live_unavailable' };

export class LiveRefusedError extends Error {
  constructor(readonly refusal: OpenRefusal) {
    super(refusal.code);
    this.name = 'LiveRefusedError';
  }
}

interface OpenStreamOptions {
  owner: string;
  /** Epoch ms at which the access token expires: the stream ends then, and the client reconnects. */
  expiresAt: number;
  /** The owner's sequence now, sent first so a client that missed events catches up at once. */
  currentSeq: () => Promise<number>;
}

export interface LiveHub {
  readonly feed: ChangeFeed;
  /** A text/event-stream body for one user; throws LiveRefusedError. */
  open(options: OpenStreamOptions): Promise<ReadableStream<Uint8Array>>;
  /** Open streams now. */
  count(): { streams: number; users: number };
  /** Ends every stream and stops listening. */
  close(): Promise<void>;
}

interface LiveHubOptions {
  feed: ChangeFeed;
  limits?: Partial<LiveLimits>;
  now?: () => number;
  onError?: (error: unknown, context: string) => void;
}

interface Stream {
  owner: string;
  lastSeq: number;
  write(text: string): void;
  end(): void;
}

const encoder = new TextEncoder();

export function createLiveHub(options: LiveHubOptions): LiveHub {
  const limits = { ...DEFAULT_LIVE_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;
  const { feed } = options;
  const byOwner = new Map<string, Set<Stream>>();
  let total = 0;
  let listening: Promise<void> | null = null;
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  function deliver(event: ChangeEvent) {
    for (const stream of byOwner.get(event.owner) ?? []) {
      if (event.seq <= stream.lastSeq) continue;
      stream.lastSeq = event.seq;
      stream.write(formatChangeFrame(event.seq));
    }
  }

  /** The listening connection broke and came back: end every stream; each client reconnects and is
   * sent its current sequence, so no change stays unseen. */
  function endAll() {
    for (const streams of [...byOwner.values()]) for (const stream of [...streams]) stream.end();
  }

  function startListening(): Promise<void> {
    listening ??= feed.listen(deliver, endAll).catch((error: unknown) => {
      listening = null; // the next stream tries again
      options.onError?.(error, 'live feed: listen failed');
      throw new LiveRefusedError({ code: 'live_unavailable' });
    });
    return listening;
  }

  function register(stream: Stream) {
    let streams = byOwner.get(stream.owner);
    if (!streams) byOwner.set(stream.owner, (streams = new Set()));
    streams.add(stream);
    heartbeat ??= setInterval(() => {
      for (const s of byOwner.values()) for (const each of s) each.write(': keep-alive\n\n');
    }, limits.heartbeatMs);
    heartbeat.unref?.();
  }

  function unregister(stream: Stream) {
    const streams = byOwner.get(stream.owner);
    if (!streams?.delete(stream)) return;
    total -= 1;
    if (streams.size === 0) byOwner.delete(stream.owner);
    if (total === 0 && heartbeat) {
      clearInterval(heartbeat);
      heartbeat = undefined;
    }
  }

  function refuseOverLimits(owner: string) {
    const retryAfterSeconds = limits.retryAfterSeconds;
    if ((byOwner.get(owner)?.size ?? 0) >= limits.maxStreamsPerUser)
      throw new LiveRefusedError({
        code: 'too_many_streams',
        scope: 'user',
        limit: limits.maxStreamsPerUser,
        retryAfterSeconds,
      });
    if (total >= limits.maxStreams)
      throw new LiveRefusedError({
        code: 'too_many_streams',
        scope: 'instance',
        limit: limits.maxStreams,
        retryAfterSeconds,
      });
  }

  return {
    feed,
    async open({ owner, expiresAt, currentSeq }) {
      refuseOverLimits(owner);
      await startListening();
      // Checked again: other streams may have opened while the feed started.
      refuseOverLimits(owner);
      total += 1;

      let closed = false;
      let controller!: ReadableStreamDefaultController<Uint8Array>;
      const stream: Stream = {
        owner,
        lastSeq: -1,
        write(text) {
          if (closed) return;
          controller.enqueue(encoder.encode(text));
          // The HTTP layer stops reading while the socket is full: the queue only grows for a reader
          // that has stopped reading. Erroring (not closing) discards what is queued.
          if ((controller.desiredSize ?? 0) < 0) {
            finish();
            controller.error(new Error('slow reader dropped'));
          }
        },
        end() {
          if (closed) return;
          finish();
          controller.close();
        },
      };
      // The token's end is the stream's end: the client reconnects with a fresh token.
      const expiry = setTimeout(
        () => stream.end(),
        Math.min(Math.max(0, expiresAt - now()), 2 ** 31 - 1),
      );
      expiry.unref?.();
      const finish = () => {
        closed = true;
        clearTimeout(expiry);
        unregister(stream);
      };

      const body = new ReadableStream<Uint8Array>(
        {
          start(c) {
            controller = c;
          },
          cancel() {
            // The client went away.
            finish();
          },
        },
        { highWaterMark: limits.maxQueuedBytes, size: (chunk) => chunk?.byteLength ?? 0 },
      );
      register(stream);
      stream.write(`retry: ${limits.retryMs}\n: connected\n\n`);

      try {
        deliver({ owner, seq: await currentSeq() });
      } catch (error) {
        options.onError?.(error, 'live stream: reading the current sequence failed');
        stream.end();
      }
      return body;
    },
    count: () => ({ streams: total, users: byOwner.size }),
    async close() {
      endAll();
      clearInterval(heartbeat);
      heartbeat = undefined;
      listening = null;
      await feed.close();
    },
  };
}
