// One connection to GET /api/sync/events, read with fetch: EventSource cannot send the Authorization
// header, and the token must not go in the URL. Resolves with how the stream ended, never rejects, so
// the reconnect loop decides what to do from a code.
import { CHANGE_EVENT, createSseParser, parseChangeSeq } from '../../core/sync/live-events';
import { errorBodySchema } from '../../core/sync/protocol';
import { parseRetryAfter } from '../http';

export type StreamEnd =
  /** The server ended a healthy stream (token expiry, restart, a gap in its feed): reconnect soon. */
  | { kind: 'ended' }
  /** 401: the token is missing or expired. */
  | { kind: 'unauthorized' }
  /** The server cannot hold streams (serverless host, or an older server): poll instead. */
  | { kind: 'unavailable'; retryAfterMs?: number }
  /** 429: too many streams; wait at least Retry-After. */
  | { kind: 'refused'; retryAfterMs?: number }
  /** Network error, 5xx, or a reply that is not an event stream. */
  | { kind: 'failed'; retryAfterMs?: number }
  /** Our own AbortSignal. */
  | { kind: 'aborted' };

interface EventStreamOptions {
  fetch: typeof fetch;
  baseUrl: string;
  token: string;
  signal: AbortSignal;
  now?: () => number;
  /** The stream is open (status 200, event stream). */
  onOpen(): void;
  onChange(seq: number): void;
  /** The server's `retry:` field, in ms. */
  onRetry?(ms: number): void;
}

export async function readEventStream(options: EventStreamOptions): Promise<StreamEnd> {
  const { signal } = options;
  let response: Response;
  try {
    response = await options.fetch(new URL('/api/sync/events', options.baseUrl).toString(), {
      headers: { Authorization: `Bearer ${options.token}`, Accept: 'text/event-stream' },
      cache: 'no-store',
      signal,
    });
  } catch {
    return signal.aborted ? { kind: 'aborted' } : { kind: 'failed' };
  }
  const retryAfterMs = parseRetryAfter(
    response.headers.get('Retry-After'),
    (options.now ?? Date.now)(),
  );
  const type = response.headers.get('Content-Type') ?? '';
  if (!response.ok || !type.startsWith('text/event-stream') || !response.body) {
    const code = await errorCode(response);
    if (response.status === 401) return { kind: 'unauthorized' };
    if (response.status === 429) return { kind: 'refused', retryAfterMs };
    if (code === 'live_unavailable' || response.status === 404 || response.status === 501)
      return { kind: 'unavailable', retryAfterMs };
    return { kind: 'failed', retryAfterMs };
  }

  options.onOpen();
  const parser = createSseParser({
    onEvent(event) {
      if (event.event !== CHANGE_EVENT) return;
      const seq = parseChangeSeq(event.data);
      if (seq !== null) options.onChange(seq);
    },
    onRetry: options.onRetry,
  });
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { kind: 'ended' };
      parser.push(decoder.decode(value, { stream: true }));
    }
  } catch {
    return signal.aborted ? { kind: 'aborted' } : { kind: 'failed' };
  } finally {
    reader.releaseLock();
  }
}

async function errorCode(response: Response): Promise<string | undefined> {
  try {
    const parsed = errorBodySchema.safeParse(await response.json());
    return parsed.success ? parsed.data.error.code : undefined;
  } catch {
    return undefined;
  }
}
