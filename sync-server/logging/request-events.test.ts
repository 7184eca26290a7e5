// Log lines written while serving a request carry its request, user and session ids, like the request
// line: the unhandled-error line and the "Task created" event, through the real app on PGlite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { loadConfig } from '../config';
import { createContext, type AppContext } from '../context';
import { installOps } from '../ops';
import { createTestDatabase, mintToken, TEST_JWT_SECRET, type TestDatabase } from '../test/harness';
import { createMutationFor, editMutation } from '../test/fixtures';
import { createLogging } from './logger';

interface Line {
  level: number | string;
  msg: string;
  requestId?: string;
  userId?: string;
  sessionId?: string;
  taskId?: string;
  duration?: number;
  metadata?: { priority: number | null; hasDeadline: boolean };
}

const lines: Line[] = [];
let database: TestDatabase;
let ctx: AppContext;
let app: ReturnType<typeof createApp>;
let failPush = false;
const userId = '00000000-0000-4000-8000-00000000c0de';
let headers: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase('pglite', 'request_events');
  const { logger } = createLogging({
    env: { NODE_ENV: 'development' },
    level: 'info',
    console: { write: (chunk: string) => lines.push(JSON.parse(chunk) as Line) },
  });
  ctx = createContext({
    config: loadConfig({ NODE_ENV: 'test', DATA_DIR: '/tmp/tend-request-events' }),
    db: database.db,
    logger,
    secrets: { jwtSecret: TEST_JWT_SECRET, encryptionKey: 'k', cronSecret: 'c' },
    hooks: {
      beforePushCommit: async () => {
        if (failPush) throw new Error('disk on fire');
      },
    },
  });
  app = createApp(ctx, {
    installOperations: (a) => installOps(a, ctx, { env: { OPS_SCHEDULER: '0' } }),
  });
  const token = await mintToken(userId, { session_id: 'session-42' });
  headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
});
afterAll(() => database.drop());

const push = (mutations: unknown[], requestId: string) =>
  app.request('/api/sync/push', {
    method: 'POST',
    headers: { ...headers, 'x-request-id': requestId },
    body: JSON.stringify({ clientId: 'device-1', mutations }),
  });

describe('request log fields', () => {
  it('puts the request, user and session ids on the unhandled-error line', async () => {
    failPush = true;
    try {
      const res = await push([createMutationFor('will fail')], 'req-error-1');
      expect(res.status).toBe(500);
    } finally {
      failPush = false;
    }
    const error = lines.find((l) => l.msg === 'unhandled error');
    expect(error).toMatchObject({
      requestId: 'req-error-1',
      userId,
      sessionId: 'session-42',
    });
  });

  it('logs "Task created" once per new task, from sync push and the REST API, not for edits', async () => {
    lines.length = 0;
    const create = createMutationFor('Pay rent');
    const res = await push(
      [create, editMutation(create.taskId, { priority: 1, due: '2026-12-24' }, 10)],
      'req-push-1',
    );
    expect(res.status).toBe(200);
    await push([editMutation(create.taskId, { title: 'Pay the rent' }, 20)], 'req-push-2');
    const rest = await app.request('/api/tasks', {
      method: 'POST',
      headers: { ...headers, 'x-request-id': 'req-rest-1' },
      body: JSON.stringify({ text: 'call mum p2' }),
    });
    expect(rest.status).toBe(201);
    const restId = ((await rest.json()) as { id: string }).id;

    const created = lines.filter((l) => l.msg === 'Task created');
    expect(created).toHaveLength(2);
    expect(created[0]).toMatchObject({
      requestId: 'req-push-1',
      userId,
      sessionId: 'session-42',
      taskId: create.taskId,
      metadata: { priority: 1, hasDeadline: true },
    });
    expect(created[0].duration).toEqual(expect.any(Number));
    expect(created[1]).toMatchObject({
      requestId: 'req-rest-1',
      taskId: restId,
      metadata: { priority: 2, hasDeadline: false },
    });
    expect(JSON.stringify(created)).not.toContain('Pay rent');
  });
});
