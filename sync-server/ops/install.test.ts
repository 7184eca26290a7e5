// Every staff endpoint against every role (allowed / 403 / 401), cron authentication and run-once claims,
// metrics, telemetry, health and audit, through app.request on a real PGlite database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/types';
import { STAFF_ROLES, type StaffRole } from '../auth/user';
import { RBAC_MATRIX, type Permission } from '../auth/rbac';
import { createTestApp, SECRETS, type TestApp } from './test-support/ops-test-app';
import { createPgliteDb, seedUsersAndTasks } from './test-support/databases';

let db: Db;
let t: TestApp;
let owner: string;

beforeAll(async () => {
  db = await createPgliteDb();
  [owner] = await seedUsersAndTasks(db, { users: 2, tasksPerUser: 3 });
  t = await createTestApp(db);
});
afterAll(async () => {
  await db.close();
});

interface Endpoint {
  method: string;
  path: () => string;
  permission: Permission;
  body?: unknown;
  /** The status an allowed caller gets, when it is not a 2xx (an unknown job is 404, not 403). */
  allowedStatus?: number;
}

const ENDPOINTS: Endpoint[] = [
  { method: 'GET', path: () => '/api/metrics', permission: 'dashboard:read' },
  { method: 'GET', path: () => '/api/alerts', permission: 'alerts:read' },
  { method: 'GET', path: () => '/api/admin/rbac', permission: 'dashboard:read' },
  { method: 'GET', path: () => '/api/admin/users', permission: 'users:read' },
  {
    method: 'PATCH',
    path: () => `/api/admin/users/${owner}`,
    permission: 'users:manage',
    body: { role: 'viewer' },
  },
  { method: 'GET', path: () => `/api/admin/users/${owner}/tasks`, permission: 'user_data:read' },
  { method: 'GET', path: () => '/api/admin/analytics', permission: 'analytics:read' },
  { method: 'GET', path: () => '/api/admin/logs', permission: 'logs:read' },
  { method: 'GET', path: () => '/api/admin/audit', permission: 'audit:read' },
  { method: 'GET', path: () => '/api/admin/backups', permission: 'backups:manage' },
  { method: 'POST', path: () => '/api/admin/maintenance', permission: 'database:manage' },
  { method: 'GET', path: () => '/api/alerts/rules', permission: 'alerts:read' },
  { method: 'GET', path: () => '/metrics', permission: 'dashboard:read' },
  {
    method: 'POST',
    path: () => '/api/admin/backups',
    permission: 'backups:manage',
    body: { kind: 'full' },
  },
  {
    method: 'POST',
    path: () => '/api/admin/restore',
    permission: 'backups:manage',
    // A well-formed name of a file that does not exist: the job starts (202) and fails on its own.
    body: { file: 'tend-full-2026-01-01T00-00-00-000Z.bak', confirm: 'RESTORE' },
  },
  {
    method: 'GET',
    path: () => '/api/admin/jobs/no-such-job',
    permission: 'backups:manage',
    allowedStatus: 404,
  },
];

function request(e: Endpoint, token?: string) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (e.body) headers['content-type'] = 'application/json';
  return t.app.request(e.path(), {
    method: e.method,
    headers,
    body: e.body ? JSON.stringify(e.body) : undefined,
  });
}

describe('RBAC matrix on every staff endpoint', () => {
  for (const e of ENDPOINTS) {
    for (const role of [...STAFF_ROLES, null] as (StaffRole | null)[]) {
      const allowed = role !== null && RBAC_MATRIX[role].permissions.includes(e.permission);
      it(`${e.method} ${e.permission} as ${role ?? 'ordinary user'} -> ${allowed ? 'allowed' : '403'}`, async () => {
        const res = await request(e, await t.token(role));
        if (allowed && e.allowedStatus) expect(res.status).toBe(e.allowedStatus);
        else if (allowed) expect(res.status, await res.clone().text()).toBeLessThan(300);
        else {
          expect(res.status).toBe(403);
          expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
        }
      });
    }
    it(`${e.method} ${e.permission} without a token -> 401`, async () => {
      expect((await request(e)).status).toBe(401);
    });
  }
  it('the viewer role reads only the dashboard', () => {
    expect(RBAC_MATRIX.viewer.permissions).toEqual(['dashboard:read']);
  });
});

describe('cron routes', () => {
  it('refuse calls without the CRON_SECRET bearer', async () => {
    expect((await t.app.request('/api/cron/sync-check')).status).toBe(401);
    const wrong = await t.app.request('/api/cron/sync-check', {
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.status).toBe(401);
    const staff = await t.app.request('/api/cron/sync-check', {
      headers: { authorization: `Bearer ${await t.token('admin')}` },
    });
    expect(staff.status).toBe(401);
  });

  it('run the daily cleanup once per scheduled minute with a per-step report', async () => {
    const auth = { authorization: `Bearer ${SECRETS.cronSecret}` };
    const first = await t.app.request('/api/cron/daily-cleanup', { headers: auth });
    const body = (await first.json()) as {
      ok: boolean;
      report: { steps: { name: string; ok: boolean }[] };
    };
    expect(first.status, JSON.stringify(body)).toBe(200);
    expect(body.report.steps.map((s) => s.name)).toContain('refresh task_statistics');
    expect(body.report.steps.every((s) => s.ok)).toBe(true);
    const again = await t.app.request('/api/cron/daily-cleanup', { headers: auth });
    expect(again.status).toBe(409);
  });

  it('run a backup that lands on disk with a manifest', async () => {
    const res = await t.app.request('/api/cron/backup', {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRETS.cronSecret}` },
    });
    const body = (await res.json()) as {
      report: { backup: { manifest: { file: string; sha256: string } } };
    };
    expect(res.status).toBe(200);
    expect(body.report.backup.manifest.file).toMatch(/^tend-full-.*\.bak$/);
    expect(body.report.backup.manifest.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('metrics, telemetry and health', () => {
  it('exposes Prometheus text to the cron secret and staff, not to the public', async () => {
    expect((await t.app.request('/metrics')).status).toBe(401);
    const res = await t.app.request('/metrics', {
      headers: { authorization: `Bearer ${SECRETS.cronSecret}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(
      /^tend_http_response_time_ms\{quantile="0.95",instance="[^"]+"\} [\d.]+$/m,
    );
    expect(text).toMatch(/^tend_active_users\{period="monthly",instance="[^"]+"\} \d+$/m);
  });

  it('aggregates opted-in AI telemetry into the dashboard and validates it', async () => {
    const post = (body: unknown) =>
      t.app.request('/api/telemetry/ai', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post({ events: [{ inferenceMs: -1 }] })).status).toBe(400);
    expect((await post({ events: [{ inferenceMs: 5, text: 'secret task text' }] })).status).toBe(
      400,
    );
    const ok = await post({
      events: [
        { inferenceMs: 100, accepted: true, cacheHit: false, fallback: false, timedOut: false },
        { inferenceMs: 300, accepted: false, cacheHit: true, fallback: true, timedOut: true },
      ],
    });
    expect(ok.status).toBe(202);
    const res = await t.app.request('/api/metrics', {
      headers: { authorization: `Bearer ${await t.token('viewer')}` },
    });
    const m = (await res.json()) as {
      ai: Record<string, number>;
      performance: { request_count: number };
      usage: { avg_session_duration: null; avg_session_duration_reason: string };
      health: { memory_usage: number; database_connections: number };
    };
    expect(m.ai).toMatchObject({
      inference_time: 200,
      parse_accuracy: 0.5,
      cache_hit_rate: 0.5,
      fallback_rate: 0.5,
    });
    expect(m.performance.request_count).toBeGreaterThan(0);
    expect(m.usage.avg_session_duration).toBeNull();
    expect(m.usage.avg_session_duration_reason).toMatch(/stateless/);
    expect(m.health.memory_usage).toBeGreaterThan(10);
    expect(m.health.database_connections).toBe(1);
  });

  it('tags responses with a request id, echoing a well-formed one', async () => {
    const res = await t.app.request('/health', { headers: { 'x-request-id': 'abc-123' } });
    // /health is routed before ops; the id is still set because the middleware wraps every later route.
    const metrics = await t.app.request('/health/detailed', {
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(metrics.headers.get('x-request-id')).toBe('abc-123');
    const bad = await t.app.request('/health/detailed', {
      headers: { 'x-request-id': 'bad id\n' },
    });
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.status).toBe(200);
  });

  it('reports detailed health with database latency, skipped redis, storage and api', async () => {
    const res = await t.app.request('/health/detailed', {
      headers: { authorization: `Bearer ${SECRETS.cronSecret}` },
    });
    const body = (await res.json()) as {
      status: string;
      checks: Record<string, { status: string; configured?: boolean }>;
      version?: string;
    };
    expect(res.status).toBe(200);
    expect(body.status).toBe('healthy');
    expect(Object.keys(body.checks)).toEqual(['database', 'redis', 'storage', 'api']);
    expect(body.checks.redis).toMatchObject({ status: 'healthy', configured: false });
    expect(body.version).toBeDefined();
  });

  it('shows only the status of each check to a caller without staff credentials or the cron secret', async () => {
    const anonymous = await t.app.request('/health/detailed');
    const user = await t.app.request('/health/detailed', {
      headers: { authorization: `Bearer ${await t.token(null)}` },
    });
    const forged = await t.app.request('/health/detailed', {
      headers: { authorization: 'Bearer not-a-token' },
    });
    for (const res of [anonymous, user, forged]) {
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        status: 'healthy',
        checks: {
          database: { status: 'healthy' },
          redis: { status: 'healthy' },
          storage: { status: 'healthy' },
          api: { status: 'healthy' },
        },
      });
    }
    const staff = await t.app.request('/health/detailed', {
      headers: { authorization: `Bearer ${await t.token('viewer')}` },
    });
    expect(((await staff.json()) as { version?: string }).version).toBeDefined();
  });
});

describe('audited staff access', () => {
  it('records who read which user data, and admins can change roles', async () => {
    const support = await t.token('support', '00000000-0000-4000-8000-0000000000bb');
    const res = await t.app.request(`/api/admin/users/${owner}/tasks`, {
      headers: { authorization: `Bearer ${support}`, 'x-request-id': 'req-audit-1' },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { tasks: unknown[] }).tasks).toHaveLength(3);
    const audit = await t.app.request('/api/admin/audit', {
      headers: { authorization: `Bearer ${await t.token('admin')}` },
    });
    const { entries } = (await audit.json()) as { entries: Record<string, unknown>[] };
    expect(entries).toContainEqual(
      expect.objectContaining({
        actor: '00000000-0000-4000-8000-0000000000bb',
        actor_role: 'support',
        action: 'user_data.read_tasks',
        subject: owner,
        request_id: 'req-audit-1',
      }),
    );
    const patch = await t.app.request(`/api/admin/users/${owner}`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${await t.token('admin')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ role: 'developer', disabled: true }),
    });
    expect(patch.status).toBe(200);
    const [profile] = await db.query<{ staff_role: string }>(
      'select staff_role from public.profiles where id = $1',
      [owner],
    );
    expect(profile.staff_role).toBe('developer');
    const bad = await t.app.request(`/api/admin/users/${owner}`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${await t.token('admin')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ role: 'root' }),
    });
    expect(bad.status).toBe(400);
  });

  it('a disabled user can no longer sign in, and their refresh token is revoked', async () => {
    const json = { 'content-type': 'application/json' };
    const signup = await t.app.request('/auth/v1/signup', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        email: 'dora@example.test',
        password: 'correct horse battery staple',
      }),
    });
    expect(signup.status).toBe(200);
    const session = (await signup.json()) as { refresh_token: string; user: { id: string } };
    const disable = await t.app.request(`/api/admin/users/${session.user.id}`, {
      method: 'PATCH',
      headers: { ...json, authorization: `Bearer ${await t.token('admin')}` },
      body: JSON.stringify({ disabled: true }),
    });
    expect(disable.status).toBe(200);
    const login = await t.app.request('/auth/v1/token?grant_type=password', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        email: 'dora@example.test',
        password: 'correct horse battery staple',
      }),
    });
    expect(login.status).toBe(400);
    expect(((await login.json()) as { error_code: string }).error_code).toBe('user_banned');
    const refresh = await t.app.request('/auth/v1/token?grant_type=refresh_token', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ refresh_token: session.refresh_token }),
    });
    expect(refresh.status).toBe(400);
  });

  it('starts a backup job an admin can poll to completion', async () => {
    const auth = {
      authorization: `Bearer ${await t.token('admin')}`,
      'content-type': 'application/json',
    };
    const start = await t.app.request('/api/admin/backups', {
      method: 'POST',
      headers: auth,
      body: '{}',
    });
    expect(start.status).toBe(202);
    const { job } = (await start.json()) as { job: { id: string } };
    await t.ops.runtime.jobs.wait(job.id);
    const polled = await t.app.request(`/api/admin/jobs/${job.id}`, { headers: auth });
    const { job: done } = (await polled.json()) as {
      job: { status: string; progress: { percent: number } };
    };
    expect(done.status).toBe('succeeded');
    expect(done.progress.percent).toBe(100);
  });
});
