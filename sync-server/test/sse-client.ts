// A test client for GET /api/sync/events over real HTTP (not a double): fetch with the bearer header,
// the shared event-stream parser, and waits that resolve on the next matching event.
import { createSseParser, parseChangeSeq } from '../../src/core/sync/live-events';

export interface SseConnection {
  status: number;
  headers: Headers;
  /** Sequences of the change events received so far, in order. */
  seqs: number[];
  comments: string[];
  retryMs: number | undefined;
  /** Resolves with the first received sequence >= `seq` (already received ones included). */
  waitForSeq(seq: number, timeoutMs?: number): Promise<number>;
  /** Resolves when the server ends the stream (or drops it). */
  ended: Promise<void>;
  close(): void;
}

export async function connectEvents(baseUrl: string, token: string): Promise<SseConnection> {
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}/api/sync/events`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  const waiters = new Set<() => void>();
  const connection: SseConnection = {
    status: response.status,
    headers: response.headers,
    seqs: [],
    comments: [],
    retryMs: undefined,
    waitForSeq(seq, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = connection.seqs.find((s) => s >= seq);
          if (found === undefined) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`no change event with seq >= ${seq} (got ${connection.seqs.join(',')})`),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    ended: Promise.resolve(),
    close: () => abort.abort(),
  };
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    return connection;
  }
  const parser = createSseParser({
    onEvent(event) {
      const seq = event.event === 'change' ? parseChangeSeq(event.data) : null;
      if (seq === null) return;
      connection.seqs.push(seq);
      for (const waiter of [...waiters]) waiter();
    },
    onComment: (text) => connection.comments.push(text),
    onRetry: (ms) => (connection.retryMs = ms),
  });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  connection.ended = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        parser.push(value);
      }
    } catch {
      // aborted by close(), or dropped by the server
    }
  })();
  return connection;
}
