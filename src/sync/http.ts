// One HTTP call to the sync API and its classification: every status is checked (a 4xx or 5xx is
// never success) and turned into a SyncHttpError whose `kind` decides retry, split, reject or resync.
import { errorBodySchema } from '../core/sync/protocol';

type SyncFailureKind =
  | 'network' // fetch threw: offline, DNS, connection reset
  | 'transient' // 408, 429, 5xx, or a body that is not the API's JSON (proxy, captive portal)
  | 'unauthorized' // 401: the token is missing or expired
  | 'expired' // 410 cursor_expired: resync from the beginning
  | 'too_large' // 413: send fewer mutations per request
  | 'permanent'; // any other 4xx: retrying the same request cannot help

export class SyncHttpError extends Error {
  constructor(
    readonly kind: SyncFailureKind,
    readonly code: string,
    message: string,
    readonly status = 0,
    /** From Retry-After, when the server sent one. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'SyncHttpError';
  }
}

export interface SyncTransport {
  fetch: typeof fetch;
  /** Origin of the sync API, e.g. `https://tend.example` (no trailing slash needed). */
  baseUrl: string;
  getAccessToken: () => Promise<string | null>;
  now?: () => number;
}

/** Retry-After is either delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function kindOf(status: number, code: string): SyncFailureKind {
  if (status === 401) return 'unauthorized';
  if (status === 410 && code === 'cursor_expired') return 'expired';
  if (status === 413) return 'too_large';
  if (status === 408 || status === 429 || status >= 500) return 'transient';
  return 'permanent';
}

function defaultCode(status: number): string {
  if (status === 401) return 'unauthorized';
  if (status === 413) return 'payload_too_large';
  if (status === 429) return 'rate_limited';
  return status >= 500 ? 'server_error' : 'bad_request';
}

/** Sends one request and returns the parsed JSON of a 2xx response; throws SyncHttpError otherwise. */
export async function requestJson(
  transport: SyncTransport,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<unknown> {
  const token = await transport.getAccessToken();
  if (!token) throw new SyncHttpError('unauthorized', 'unauthorized', 'Not signed in', 401);
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await transport.fetch(new URL(path, transport.baseUrl).toString(), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new SyncHttpError(
      'network',
      'network_error',
      (error as Error)?.message || 'Network error',
    );
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    json = undefined;
  }
  if (response.ok) {
    if (json === undefined)
      throw new SyncHttpError(
        'transient',
        'server_error',
        'The server sent no JSON',
        response.status,
      );
    return json;
  }
  const parsed = errorBodySchema.safeParse(json);
  const code = parsed.success ? parsed.data.error.code : defaultCode(response.status);
  const message = parsed.success ? parsed.data.error.message : `HTTP ${response.status}`;
  const retryAfter = parseRetryAfter(
    response.headers.get('Retry-After'),
    (transport.now ?? Date.now)(),
  );
  throw new SyncHttpError(
    kindOf(response.status, code),
    code,
    message,
    response.status,
    retryAfter,
  );
}
