// Health checks against real things: the local Redis (when running), a closed port, a local HTTP server
// standing in for Supabase's auth health endpoint, and this machine's disk.
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkExternalApis, checkRedis, checkStorage, diskUsage } from './checks';
import { encodeCommand, pingRedis } from './redis-check';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisUp = await pingRedis(REDIS_URL, 1000).then(
  () => true,
  () => false,
);

async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('redis check', () => {
  it('encodes RESP commands', () => {
    expect(encodeCommand(['AUTH', 'pä'])).toBe('*2\r\n$4\r\nAUTH\r\n$3\r\npä\r\n');
  });

  it('is skipped (healthy, not configured) without REDIS_URL', async () => {
    expect(await checkRedis(undefined)).toMatchObject({ status: 'healthy', configured: false });
  });

  it.skipIf(!redisUp)('PINGs the real Redis', async () => {
    const result = await checkRedis(REDIS_URL);
    expect(result).toMatchObject({ status: 'healthy', configured: true });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('is unhealthy when nothing listens, without leaking the password', async () => {
    const result = await checkRedis(`redis://user:sekrit-password@127.0.0.1:${await closedPort()}`);
    expect(result.status).toBe('unhealthy');
    expect(JSON.stringify(result)).not.toContain('sekrit-password');
  });

  it('surfaces a Redis error reply (a server that refuses AUTH)', async () => {
    const server = createTcpServer((socket) =>
      socket.on('data', () => socket.write('-WRONGPASS invalid password\r\n')),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const result = await checkRedis(
        `redis://:bad@127.0.0.1:${(server.address() as AddressInfo).port}`,
      );
      expect(result).toMatchObject({
        status: 'unhealthy',
        message: 'redis: WRONGPASS invalid password',
      });
    } finally {
      server.close();
    }
  });
});

describe('storage check', () => {
  it('reads real disk usage, also for a directory not created yet', async () => {
    const usage = await diskUsage(join(tmpdir(), 'not-created-yet', 'backups'));
    expect(usage.totalBytes).toBeGreaterThan(0);
    expect(usage.usedRatio).toBeGreaterThan(0);
    expect(usage.usedRatio).toBeLessThan(1);
  });

  it('degrades above the warning ratio', async () => {
    const real = await checkStorage([tmpdir()]);
    const ratio = real.usedRatio as number;
    expect((await checkStorage([tmpdir()], ratio - 0.01, 0.999)).status).toBe('degraded');
    expect((await checkStorage([tmpdir()], Math.min(0.99, ratio + 0.01), 0.999)).status).toBe(
      'healthy',
    );
  });
});

describe('external API check', () => {
  let server: Server;
  let base = '';
  afterAll(() => server?.close());

  it('calls Supabase auth health with the anon key when configured', async () => {
    let seenKey: string | undefined;
    server = createServer((req, res) => {
      seenKey = req.headers.apikey as string | undefined;
      res.writeHead(req.url === '/auth/v1/health' ? 200 : 404).end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect(await checkExternalApis(base, 'anon-key')).toMatchObject({
      status: 'healthy',
      configured: true,
    });
    expect(seenKey).toBe('anon-key');
    expect(await checkExternalApis(undefined, undefined)).toMatchObject({
      status: 'healthy',
      configured: false,
    });
    expect(
      (await checkExternalApis(`http://127.0.0.1:${await closedPort()}`, undefined)).status,
    ).toBe('unhealthy');
  });
});
