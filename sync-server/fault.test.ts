// Fault test: the real server process (on PostgreSQL, and on embedded PGlite) is killed with SIGKILL in the middle of a run of pushes
// and restarted. Every mutation it acknowledged must be there, and the clients' retries (of unacknowledged
// and of acknowledged batches alike) must not create duplicates.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mutation, TaskRecord } from '../src/core/merge';
import { createMutationFor } from './test/fixtures';
import type { TestDatabase, TestUser } from './test/harness';
import { TEST_JWT_SECRET, createTestDatabase, createTestUser, pgReachable } from './test/harness';
import { freePort } from './test/server-process';

const reachable = await pgReachable();
const PORT = await freePort();
const BASE = `http://127.0.0.1:${PORT}`;

function startServer(database: { DATABASE_URL: string } | { DATA_DIR: string }): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'sync-server/main.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(PORT),
      HOST: '127.0.0.1',
      ...database,
      JWT_SECRET: TEST_JWT_SECRET,
      ENCRYPTION_KEY: 'fault-test-encryption-key-0123456789',
      CRON_SECRET: 'fault-test-cron-secret-0123456789abc',
      LOG_LEVEL: process.env.FAULT_LOG_LEVEL ?? 'error',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitHealthy(): Promise<void> {
  // Up to a minute: PGlite's first start runs initdb, and a busy two-core machine slows it a lot.
  for (let i = 0; i < 1200; i++) {
    try {
      if ((await fetch(`${BASE}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('server did not start');
}

const kinds = process.env.FAULT_KINDS
  ? (process.env.FAULT_KINDS.split(',') as ('postgres' | 'pglite')[])
  : reachable
    ? (['postgres', 'pglite'] as const)
    : (['pglite'] as const);

describe.each(kinds)('fault: SIGKILL mid-push on %s', (kind) => {
  let database: TestDatabase | undefined;
  let target: { DATABASE_URL: string } | { DATA_DIR: string };
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    if (kind === 'postgres') {
      database = await createTestDatabase('postgres', 'fault');
      target = { DATABASE_URL: database.url! };
    } else {
      target = { DATA_DIR: mkdtempSync(join(tmpdir(), 'tend-fault-')) };
    }
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await database?.drop();
  });

  async function push(user: TestUser, batch: Mutation[]): Promise<boolean> {
    try {
      const res = await fetch(`${BASE}/api/sync/push`, {
        method: 'POST',
        headers: user.headers,
        body: JSON.stringify({ clientId: 'fault-client', mutations: batch }),
      });
      if (res.status !== 200) return false;
      const body = (await res.json()) as { applied: string[] };
      return body.applied.length === batch.length;
    } catch {
      return false; // connection reset by the kill: not acknowledged
    }
  }

  it('keeps every acknowledged mutation and makes no duplicates on retry', async () => {
    const user = await createTestUser();
    child = startServer(target);
    await waitHealthy();

    const acknowledged: Mutation[][] = [];
    const unacknowledged: Mutation[][] = [];
    let killed = false;
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; ; i++) {
        const batch = Array.from({ length: 20 }, (_, j) => createMutationFor(`w${w}-b${i}-m${j}`));
        const ok = await push(user, batch);
        (ok ? acknowledged : unacknowledged).push(batch);
        if (killed) return;
      }
    });
    // Kill once some batches were acknowledged (however slow the machine), while writers are mid-push.
    for (let waited = 0; acknowledged.length < 3 && waited < 30_000; waited += 50)
      await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 200));
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGKILL');
    killed = true;
    await Promise.all(writers);
    await exited;
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(unacknowledged.length).toBeGreaterThan(0);

    child = startServer(target);
    await waitHealthy();
    // The client retries what was not acknowledged, and (as a flaky network would) some that were.
    for (const batch of [...unacknowledged, ...acknowledged.slice(0, 5)]) {
      expect(await push(user, batch)).toBe(true);
    }

    const tasks: TaskRecord[] = [];
    let cursor = '';
    for (;;) {
      const res = await fetch(
        `${BASE}/api/sync/pull?limit=1000${cursor ? `&cursor=${cursor}` : ''}`,
        {
          headers: user.headers,
        },
      );
      const body = (await res.json()) as { tasks: TaskRecord[]; cursor: string; hasMore: boolean };
      tasks.push(...body.tasks);
      cursor = body.cursor;
      if (!body.hasMore) break;
    }
    const ids = tasks.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    const all = [...acknowledged, ...unacknowledged].flat();
    expect(ids.sort()).toEqual(all.map((m) => m.taskId).sort());
    if (database) {
      const logged = await database.db.query<{ n: number }>(
        'select count(*)::int as n from public.sync_log',
      );
      expect(logged[0].n).toBe(all.length);
    }
    const stopped = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await stopped;
    child = undefined;
  }, 120_000);
});
