// The live sync stream's wire format (GET /api/sync/events, text/event-stream): the server writes
// `event: change` frames whose data is `{"seq": N}`, comment lines to keep the connection alive, and a
// `retry:` field. The page reads it with fetch (EventSource cannot send an Authorization header), so
// the parser lives here, beside the frames it reads, and the server's tests use the same one.

export const CHANGE_EVENT = 'change';

export interface ServerSentEvent {
  event: string;
  data: string;
}

interface SseParser {
  /** Feeds a decoded chunk; calls back for each complete event, comment and retry field. */
  push(chunk: string): void;
}

interface SseHandlers {
  onEvent(event: ServerSentEvent): void;
  onComment?(text: string): void;
  onRetry?(ms: number): void;
}

export function formatChangeFrame(seq: number): string {
  return `event: ${CHANGE_EVENT}\ndata: ${JSON.stringify({ seq })}\n\n`;
}

/** The sequence of a change event's data, or null when the data is not `{"seq": <integer >= 0>}`. */
export function parseChangeSeq(data: string): number | null {
  try {
    const seq = (JSON.parse(data) as { seq?: unknown } | null)?.seq;
    return typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0 ? seq : null;
  } catch {
    return null;
  }
}

/** The subset of the event-stream format the server writes (WHATWG HTML, "Parsing an event stream"). */
export function createSseParser(handlers: SseHandlers): SseParser {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  const dispatch = () => {
    if (data.length > 0) handlers.onEvent({ event: event || 'message', data: data.join('\n') });
    event = '';
    data = [];
  };
  const line = (text: string) => {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return handlers.onComment?.(text.slice(1).trimStart());
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    const value = colon < 0 ? '' : text.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'retry' && /^\d+$/.test(value)) handlers.onRetry?.(Number(value));
  };
  return {
    push(chunk) {
      buffer += chunk;
      let end: number;
      while ((end = buffer.search(/\r\n|\r|\n/)) >= 0) {
        // A lone \r at the end of a chunk may be the first half of \r\n: wait for the next chunk.
        if (buffer[end] === '\r' && end === buffer.length - 1) break;
        const newline = buffer.startsWith('\r\n', end) ? 2 : 1;
        const text = buffer.slice(0, end);
        buffer = buffer.slice(end + newline);
        line(text);
      }
    },
  };
}
