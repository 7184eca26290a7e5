// Two real server processes behind one load balancer, their rate limits in the shared store (PostgreSQL, and in
// a second run Redis): failed sign-ins and per-address requests on instance A count on instance B.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgReachable, type TestDatabase } from './test/harness';
import { startServerProcess, type ServerProcess } from './test/server-process';

const reachable = await pgReachable();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const runs = [
  { store: 'postgres', ports: [8814, 8815] },
  { store: 'redis', ports: [8814, 8815], redisPort: 8816 },
] as const;

describe.skipIf(!reachable).each(runs)('rate limits across two instances in $store', (run) => {
  let database: TestDatabase;
  let redis: ChildProcess | undefined;
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    database = await createTestDatabase('postgres', `limits_${run.store}`);
    const env: Record<string, string> = {
      DATABASE_URL: database.url!,
      TRUST_PROXY: 'true',
      LOGIN_FREE_FAILURES: '2',
      // Long enough that no wait runs out while the test runs on a loaded machine.
      LOGIN_BACKOFF_BASE: '1m',
      RATE_LIMIT_SIGNUP: '2/1h',
    };
    if ('redisPort' in run) {
      redis = spawn(
        'redis-server',
        ['--port', String(run.redisPort), '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' },
      );
      env.REDIS_URL = `redis://127.0.0.1:${run.redisPort}`;
      await sleep(300);
    }
    [a, b] = await Promise.all(run.ports.map((port) => startServerProcess(port, env)));
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    redis?.kill('SIGTERM');
    await database?.drop();
  });

  const post = (server: ServerProcess, path: string, body: unknown, forwardedFor: string) =>
    fetch(`${server.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      body: JSON.stringify(body),
    });

  it('counts failed sign-ins on A against the same account on B', async () => {
    const email = `shared-${randomUUID().slice(0, 8)}@example.test`;
    const signUp = await post(
      a,
      '/auth/v1/signup',
      { email, password: 'correct horse' },
      '198.51.100.1',
    );
    expect(signUp.status).toBe(200);
    const signIn = (server: ServerProcess, password: string, from: string) =>
      post(server, '/auth/v1/token?grant_type=password', { email, password }, from).then(
        (res) => res.status,
      );
    // Two free failures, one on each instance, and a third on A that starts the wait...
    expect(await signIn(a, 'wrong one', '198.51.100.2')).toBe(400);
    expect(await signIn(b, 'wrong two', '198.51.100.3')).toBe(400);
    expect(await signIn(a, 'wrong three', '198.51.100.4')).toBe(400);
    // ...which B enforces, right password or not, from yet another address.
    const refused = await post(
      b,
      '/auth/v1/token?grant_type=password',
      { email, password: 'correct horse' },
      '198.51.100.5',
    );
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(50);
    // The counters live where REDIS_URL says, not in both places.
    const rows = await database.db.query('select 1 from tend_auth.rate_limits');
    expect(rows.length > 0).toBe(run.store === 'postgres');
  }, 60_000);

  it('counts one address across instances', async () => {
    const from = `203.0.113.${run.store === 'redis' ? 2 : 1}`;
    const signUp = (server: ServerProcess, n: number) =>
      post(
        server,
        '/auth/v1/signup',
        { email: `addr-${n}-${randomUUID().slice(0, 8)}@example.test`, password: 'correct horse' },
        from,
      ).then((res) => res.status);
    expect(await signUp(a, 1)).toBe(200);
    expect(await signUp(b, 2)).toBe(200);
    expect(await signUp(a, 3)).toBe(429);
    expect(await signUp(b, 4)).toBe(429);
  }, 60_000);
});
