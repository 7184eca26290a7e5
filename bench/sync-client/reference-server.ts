// An in-memory copy of the sync API (node:http) for the live-stream client test only
// (src/sync/live/live-sync.test.ts), which needs what the real server does not expose to a test: its
// open streams per user, ending them all, and refusing streams as a serverless host does. Every other
// client test and the client benchmark run against the real server; this goes once that test does.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { applyMutation } from '../../src/core/merge.ts';
import type { TaskRecord } from '../../src/core/merge.ts';
import { describeValidationError } from '../../src/core/task.ts';
import { formatChangeFrame } from '../../src/core/sync/live-events.ts';
import {
  CLOCK_DRIFT,
  clockLeadMs,
  CURSOR_EXPIRED,
  mutationSchema,
  pullQuerySchema,
  pushRequestSchema,
} from '../../src/core/sync/protocol.ts';

export interface Fault {
  /** Path prefix the fault applies to, e.g. '/api/sync/push'. */
  path: string;
  /** HTTP status to answer with, or 'drop' to destroy the connection. */
  status: number | 'drop';
  headers?: Record<string, string>;
  body?: unknown;
}

export interface ReferenceServer {
  url: string;
  /** Bearer token -> user id. */
  tokens: Map<string, string>;
  /** Per user: tasks, the change log and applied mutation ids. */
  users: Map<string, UserData>;
  /** Answered in order before normal handling. */
  faults: Fault[];
  requests: { method: string; path: string; body?: unknown }[];
  /** Forgets the log up to now: older cursors get 410. */
  prune(userId: string): void;
  /** Moves a task to the archive (as the daily job does), pruning the log past it. */
  archive(userId: string, taskId: string): void;
  /** Open event streams per user. */
  streams: Map<string, Set<ServerResponse>>;
  /** Ends every open event stream, as a restart or a token expiry would. */
  endStreams(): void;
  /** When set, GET /api/sync/events answers 503 live_unavailable (a serverless host). */
  liveUnavailable: boolean;
  /** The server's wall clock (default Date.now): timestamps more than 5 minutes ahead get CLOCK_DRIFT. */
  now: () => number;
  close(): Promise<void>;
}

export interface UserData {
  tasks: Map<string, TaskRecord>;
  archived: Set<string>;
  log: { seq: number; taskId: string }[];
  seq: number;
  prunedThrough: number;
  seen: Set<string>;
}

function newUser(): UserData {
  return {
    tasks: new Map(),
    archived: new Set(),
    log: [],
    seq: 0,
    prunedThrough: 0,
    seen: new Set(),
  };
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const MAX_CLOCK_DRIFT_MS = 5 * 60_000;

const error = (code: string, message: string) => ({ error: { code, message } });

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `tokens` maps bearer tokens to user ids. */
export async function startReferenceServer(
  tokens: Record<string, string> = { 'token-a': 'user-a' },
  port = 0,
): Promise<ReferenceServer> {
  const users = new Map<string, UserData>();
  const tokenMap = new Map(Object.entries(tokens));
  const userData = (id: string) => users.get(id) ?? users.set(id, newUser()).get(id)!;
  const streams = new Map<string, Set<ServerResponse>>();
  const announce = (userId: string) => {
    for (const res of streams.get(userId) ?? []) res.write(formatChangeFrame(userData(userId).seq));
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const raw = req.method === 'POST' ? await readBody(req) : '';
    const body = raw ? (JSON.parse(raw) as unknown) : undefined;
    api.requests.push({ method: req.method ?? 'GET', path: url.pathname + url.search, body });
    const faultIndex = api.faults.findIndex((f) => url.pathname.startsWith(f.path));
    if (faultIndex >= 0) {
      const [fault] = api.faults.splice(faultIndex, 1);
      if (fault.status === 'drop') return void req.socket.destroy();
      return send(
        res,
        fault.status,
        fault.body ?? error('injected', `Injected ${fault.status}`),
        fault.headers,
      );
    }
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const userId = token && tokenMap.get(token);
    if (!userId) return send(res, 401, error('unauthorized', 'Missing or invalid access token'));
    const user = userData(userId);

    if (req.method === 'POST' && url.pathname === '/api/sync/push') {
      const parsed = pushRequestSchema.safeParse(body);
      if (!parsed.success) return send(res, 400, error('validation', 'Invalid push body'));
      const applied: string[] = [];
      const rejected: { id: string; code: string; message: string }[] = [];
      const seqBefore = user.seq;
      for (const rawMutation of parsed.data.mutations) {
        const m = mutationSchema.safeParse(rawMutation);
        if (!m.success) {
          rejected.push({
            id: rawMutation.id,
            code: 'invalid_mutation',
            message: describeValidationError(m.error),
          });
          continue;
        }
        if (clockLeadMs(m.data.hlc, api.now()) > MAX_CLOCK_DRIFT_MS) {
          rejected.push({ id: m.data.id, code: CLOCK_DRIFT, message: 'Timestamp ahead of server' });
          continue;
        }
        if (!user.seen.has(m.data.id)) {
          user.seen.add(m.data.id);
          user.tasks.set(
            m.data.taskId,
            applyMutation(user.tasks.get(m.data.taskId), m.data).record,
          );
          user.log.push({ seq: ++user.seq, taskId: m.data.taskId });
        }
        applied.push(m.data.id);
      }
      if (user.seq !== seqBefore) announce(userId);
      return send(res, 200, { applied, rejected, serverTime: new Date(api.now()).toISOString() });
    }
    if (req.method === 'GET' && url.pathname === '/api/sync/pull') {
      const q = pullQuerySchema.safeParse(Object.fromEntries(url.searchParams));
      if (!q.success) return send(res, 400, error('validation', 'Invalid pull query'));
      const cursor = q.data.cursor === undefined ? 0 : Number(q.data.cursor);
      // No cursor is a snapshot from the start; only a stale cursor is refused.
      if (q.data.cursor !== undefined && cursor < user.prunedThrough)
        return send(res, 410, error(CURSOR_EXPIRED, 'Cursor is older than the change log'));
      // Each task appears once, at its latest change: the log is compacted per task.
      const latest = new Map<string, number>();
      for (const e of user.log) latest.set(e.taskId, e.seq);
      const rows = [...latest].filter(([, seq]) => seq > cursor).sort((x, y) => x[1] - y[1]);
      const page = rows.slice(0, q.data.limit);
      const last = page.at(-1)?.[1] ?? cursor;
      const hasMore = page.length < rows.length;
      const full = !hasMore && q.data.include === 'archived';
      return send(res, 200, {
        tasks: page.map(([id]) => user.tasks.get(id)),
        cursor: String(Math.max(last, hasMore ? 0 : user.seq)),
        hasMore,
        total: rows.length,
        ...(full ? { archived: [...user.archived] } : {}),
      });
    }
    if (req.method === 'GET' && url.pathname === '/api/sync/events') {
      if (api.liveUnavailable)
        return send(res, 503, error('live_unavailable', 'No live updates here'), {
          'Retry-After': '300',
        });
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
      res.write(`retry: 200\n\n${formatChangeFrame(user.seq)}`);
      const own = streams.get(userId) ?? streams.set(userId, new Set()).get(userId)!;
      own.add(res);
      res.on('close', () => own.delete(res));
      return;
    }
    send(res, 404, error('not_found', 'No such route'));
  });

  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  const api: ReferenceServer = {
    url: `http://127.0.0.1:${address.port}`,
    tokens: tokenMap,
    users,
    faults: [],
    requests: [],
    now: Date.now,
    prune(userId) {
      const user = userData(userId);
      user.prunedThrough = user.seq;
    },
    archive(userId, taskId) {
      const user = userData(userId);
      user.tasks.delete(taskId);
      user.log = user.log.filter((e) => e.taskId !== taskId);
      user.archived.add(taskId);
      user.prunedThrough = user.seq;
    },
    streams,
    endStreams() {
      for (const own of streams.values()) for (const res of own) res.end();
    },
    liveUnavailable: false,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return api;
}
