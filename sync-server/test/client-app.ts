// The real sync server for the client's tests and benchmark: the whole app on PGlite, reached through
// `app.request` as the client's `fetch` (no port), with faults to inject and the requests it received.
import type { TaskRecord } from '../../src/core/merge';
import { TASK_COLUMNS, rowToRecord } from '../sync/records';
import type { TaskRow } from '../sync/records';
import { createTestServer, createTestUser } from './harness';
import type { TestServer, TestUser } from './harness';

export interface Fault {
  /** Path prefix the fault applies to, e.g. '/api/sync/push'. */
  path: string;
  /** HTTP status to answer with, or 'drop' for a connection that fails (fetch rejects). */
  status: number | 'drop';
  headers?: Record<string, string>;
  body?: unknown;
}

export interface ClientApp {
  /** The origin the client is configured with; only `fetch` below reaches it. */
  url: string;
  fetch: typeof fetch;
  /** Answered in order, each once, before the app sees the request. */
  faults: Fault[];
  requests: { method: string; path: string; body?: unknown }[];
  server: TestServer;
  /** A user with a valid access token (no account row: the API only checks the token). */
  createUser(): Promise<TestUser>;
  /** The user's tasks as the server stores them. */
  tasksOf(userId: string): Promise<Map<string, TaskRecord>>;
  /** Moves the server's clock forward (sessions, refresh-token reuse, token expiry). */
  advanceClock(ms: number): void;
  /** Forgets the user's change log up to now, as archiving does: older cursors get 410. */
  expireCursors(userId: string): Promise<void>;
  close(): Promise<void>;
}

export async function createClientApp(suite: string): Promise<ClientApp> {
  let offsetMs = 0;
  const server = await createTestServer('pglite', suite, {
    ctx: { now: () => Date.now() + offsetMs },
  });
  const url = 'http://tend.test';
  const client: ClientApp = {
    url,
    faults: [],
    requests: [],
    server,
    async fetch(input, init) {
      const request = new Request(input, init);
      const target = new URL(request.url);
      const text = request.method === 'GET' ? '' : await request.clone().text();
      client.requests.push({
        method: request.method,
        path: target.pathname + target.search,
        body: text ? parseJson(text) : undefined,
      });
      const index = client.faults.findIndex((f) => target.pathname.startsWith(f.path));
      if (index >= 0) {
        const [fault] = client.faults.splice(index, 1);
        if (fault.status === 'drop') throw new TypeError('fetch failed');
        const body = fault.body ?? {
          error: { code: 'injected', message: `Injected ${fault.status}` },
        };
        return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
          status: fault.status,
          headers: { 'Content-Type': 'application/json', ...fault.headers },
        });
      }
      const response = await server.app.request(request);
      // As over a network: aborting the request ends the body being read (a live stream, say).
      if (!init?.signal || !response.body) return response;
      const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
      response.body.pipeTo(writable, { signal: init.signal }).catch(() => undefined);
      return new Response(readable, response);
    },
    createUser: () => createTestUser(),
    async tasksOf(userId) {
      const rows = await server.db.query<TaskRow>(
        `select ${TASK_COLUMNS} from public.tasks where owner = $1`,
        [userId],
      );
      return new Map(rows.map((row) => [row.id, rowToRecord(row)]));
    },
    advanceClock(ms) {
      offsetMs += ms;
    },
    async expireCursors(userId) {
      await server.db.query('update public.sync_state set pruned_seq = seq where owner = $1', [
        userId,
      ]);
    },
    close: () => server.close(),
  };
  return client;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
