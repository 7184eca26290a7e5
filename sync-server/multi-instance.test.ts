// Three real server processes on one database (and, in a second run, with Redis holding the shared state),
// driven round-robin as a load balancer would: clients converge, the dashboard counts every instance's
// requests, an error burst fires the alert once and resolves it once, a cron slot runs once, and a restore
// started on one instance reports its progress on another.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mutation, TaskRecord } from '../src/core/merge';
import { createMutationFor, editMutation } from './test/fixtures';
import { createTestDatabase, createTestUser, mintToken, pgReachable } from './test/harness';
import type { TestDatabase, TestUser } from './test/harness';
import { startServerProcess, type ServerProcess } from './test/server-process';

const reachable = await pgReachable();
const WINDOW_MS = 10_000;
const CRON_SECRET = 'multi-instance-cron-secret-0123456789abcdef';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Notification {
  ruleId: string;
  status: 'firing' | 'resolved';
}

const runs = [
  { store: 'postgres', ports: [9320, 9321, 9322] },
  { store: 'redis', ports: [9325, 9326, 9327], redisPort: 6391 },
] as const;

describe.skipIf(!reachable).each(runs)('three instances, shared state in $store', (run) => {
  let database: TestDatabase;
  let servers: ServerProcess[] = [];
  let redis: ChildProcess | undefined;
  let receiver: Server;
  const notifications: Notification[] = [];
  let admin: Record<string, string>;
  let turn = 0;
  /** The next instance in round-robin order. */
  const next = () => servers[turn++ % servers.length].base;

  beforeAll(async () => {
    database = await createTestDatabase('postgres', `multi_${run.store}`);
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        notifications.push(JSON.parse(body) as Notification);
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const env: Record<string, string> = {
      DATABASE_URL: database.url!,
      OPS_SCHEDULER: '1',
      ALERT_EVALUATION_MS: '300',
      METRICS_WINDOW_MS: String(WINDOW_MS),
      ALERT_WEBHOOK_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/pager`,
      BACKUP_DIR: mkdtempSync(join(tmpdir(), 'tend-multi-backups-')),
      CRON_SECRET,
    };
    if ('redisPort' in run) {
      redis = spawn(
        'redis-server',
        ['--port', String(run.redisPort), '--save', '', '--appendonly', 'no'],
        {
          stdio: 'ignore',
        },
      );
      env.REDIS_URL = `redis://127.0.0.1:${run.redisPort}`;
      await sleep(300);
    }
    // Started together, as a deployment would: they race for the migrations.
    servers = await Promise.all(run.ports.map((port) => startServerProcess(port, env)));
    const token = await mintToken('00000000-0000-4000-8000-00000000ad01', {
      app_metadata: { role: 'admin' },
      session_id: 'multi-instance',
    });
    admin = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    redis?.kill('SIGTERM');
    await new Promise<void>((r) => receiver?.close(() => r()));
    await database?.drop();
  });

  async function push(user: TestUser, clientId: string, mutations: Mutation[]) {
    const res = await fetch(`${next()}/api/sync/push`, {
      method: 'POST',
      headers: user.headers,
      body: JSON.stringify({ clientId, mutations }),
    });
    expect(res.status).toBe(200);
  }

  async function pullAll(base: string, user: TestUser): Promise<TaskRecord[]> {
    const tasks: TaskRecord[] = [];
    let cursor = '';
    for (;;) {
      const res = await fetch(
        `${base}/api/sync/pull?limit=500${cursor ? `&cursor=${cursor}` : ''}`,
        {
          headers: user.headers,
        },
      );
      const body = (await res.json()) as { tasks: TaskRecord[]; cursor: string; hasMore: boolean };
      tasks.push(...body.tasks);
      cursor = body.cursor;
      if (!body.hasMore) return tasks;
    }
  }

  it('converges two devices that push through different instances', async () => {
    const user = await createTestUser();
    const created = Array.from({ length: 12 }, (_, i) => createMutationFor(`task ${i}`));
    for (const m of created) await push(user, 'laptop', [m]);
    // Both devices edit the same titles; the later hybrid clock wins wherever it lands.
    for (const [i, m] of created.entries()) {
      await push(user, 'phone', [
        editMutation(m.taskId, { title: `phone ${i}` }, 2000 + i, '00000000000000AA'),
      ]);
      await push(user, 'laptop', [
        editMutation(m.taskId, { title: `laptop ${i}` }, 1000 + i, '00000000000000BB'),
      ]);
    }
    const views = await Promise.all(servers.map((s) => pullAll(s.base, user)));
    const titles = views.map((tasks) => tasks.map((t) => `${t.id}:${t.title}`).sort());
    expect(titles[0]).toHaveLength(12);
    expect(titles[1]).toEqual(titles[0]);
    expect(titles[2]).toEqual(titles[0]);
    expect(views[0].every((t) => t.title?.startsWith('phone'))).toBe(true);
  });

  it("counts every instance's requests on the dashboard", async () => {
    const user = await createTestUser();
    await sleep(WINDOW_MS); // an empty window first
    for (let i = 0; i < 60; i++) await fetch(`${next()}/api/sync/pull`, { headers: user.headers });
    await sleep(1500); // each instance flushes its counts every second
    const dashboards = await Promise.all(
      servers.map(async (s) => {
        const res = await fetch(`${s.base}/api/metrics`, { headers: admin });
        return ((await res.json()) as { performance: { request_count: number } }).performance;
      }),
    );
    const own = await Promise.all(
      servers.map(async (s) => {
        const res = await fetch(`${s.base}/metrics`, {
          headers: { authorization: `Bearer ${CRON_SECRET}` },
        });
        const match = /^tend_http_requests_in_window\{instance="[^"]+"\} (\d+)/m.exec(
          await res.text(),
        );
        return Number(match?.[1]);
      }),
    );
    console.log(JSON.stringify({ test: 'dashboard', store: run.store, dashboards, own }));
    for (const performance of dashboards)
      expect(performance.request_count).toBeGreaterThanOrEqual(60);
    // Each instance alone saw about a third of them.
    for (const count of own) expect(count).toBeLessThan(60);
  }, 60_000);

  it('fires the error-rate alert exactly once and resolves it once', async () => {
    const user = await createTestUser();
    const sql = postgres(database.url!, { max: 1, onnotice: () => {} });
    try {
      // A broken table is a fault of the server's own (a 500), unlike a database outage (a 503).
      await sql`alter table public.tasks rename to tasks_broken`;
      for (let i = 0; i < 30; i++) {
        const res = await fetch(`${next()}/api/sync/pull`, { headers: user.headers });
        expect(res.status).toBe(500);
      }
    } finally {
      await sql`alter table public.tasks_broken rename to tasks`;
      await sql.end({ timeout: 1 });
    }
    const high = () => notifications.filter((n) => n.ruleId === 'high_error_rate');
    await expect.poll(() => high().length, { timeout: 10_000, interval: 200 }).toBeGreaterThan(0);
    // Good traffic until the burst has left the window and the alert resolves.
    const deadline = Date.now() + WINDOW_MS * 3;
    while (!high().some((n) => n.status === 'resolved') && Date.now() < deadline) {
      await fetch(`${next()}/api/sync/pull`, { headers: user.headers });
      await sleep(100);
    }
    await sleep(2000); // time for any duplicate to arrive
    console.log(JSON.stringify({ test: 'alert', store: run.store, notifications: high() }));
    expect(high().map((n) => n.status)).toEqual(['firing', 'resolved']);
  }, 90_000);

  it('runs a cron slot once across instances', async () => {
    const responses = await Promise.all(
      servers.map((s) =>
        fetch(`${s.base}/api/cron/daily-cleanup`, {
          method: 'POST',
          headers: { authorization: `Bearer ${CRON_SECRET}` },
        }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409]);
  });

  it('reports on one instance the progress of a restore started on another', async () => {
    const user = await createTestUser();
    await push(
      user,
      'laptop',
      Array.from({ length: 50 }, (_, i) => createMutationFor(`r${i}`)),
    );
    const pollJob = async (base: string, id: string) => {
      const seen: { status: string; percent: number | null; instance: string }[] = [];
      for (let i = 0; i < 300; i++) {
        const res = await fetch(`${base}/api/admin/jobs/${id}`, { headers: admin });
        expect(res.status).toBe(200);
        const { job } = (await res.json()) as {
          job: {
            status: string;
            progress: { percent: number } | null;
            instance: string;
            result: unknown;
          };
        };
        seen.push({
          status: job.status,
          percent: job.progress?.percent ?? null,
          instance: job.instance,
        });
        if (job.status !== 'running') return { job, seen };
        await sleep(50);
      }
      throw new Error(`job ${id} did not finish`);
    };

    const backup = await fetch(`${servers[0].base}/api/admin/backups`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ kind: 'full' }),
    });
    expect(backup.status).toBe(202);
    const backupJob = ((await backup.json()) as { job: { id: string } }).job;
    const backedUp = await pollJob(servers[1].base, backupJob.id);
    expect(backedUp.job.status).toBe('succeeded');

    const list = await fetch(`${servers[2].base}/api/admin/backups`, { headers: admin });
    const { backups } = (await list.json()) as { backups: { file: string }[] };
    const full = backups.find((b) => b.file.startsWith('tend-full-'));
    const restore = await fetch(`${servers[1].base}/api/admin/restore`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ file: full?.file, confirm: 'RESTORE', replace: true }),
    });
    expect(restore.status).toBe(202);
    const restoreJob = ((await restore.json()) as { job: { id: string; instance: string } }).job;
    const restored = await pollJob(servers[2].base, restoreJob.id);
    console.log(
      JSON.stringify({
        test: 'restore',
        store: run.store,
        polls: restored.seen.length,
        last: restored.seen.at(-1),
      }),
    );
    expect(restored.job.status).toBe('succeeded');
    expect(restored.job.instance).toBe(restoreJob.instance);
    expect(restored.job.progress?.percent).toBe(100);
  }, 90_000);

  it('logs the load it ran under', () => {
    console.log(JSON.stringify({ test: 'multi-instance', store: run.store, loadavg: loadavg() }));
    for (const server of servers) expect(server.child.exitCode).toBeNull();
  });
});
