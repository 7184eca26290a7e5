import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogging } from './logger';

/** The operations specification's levels (docs/ops/), most severe first. */
const LEVEL_NAMES = ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'] as const;

const SECRET = 'sk_live_9f8e7d6c5b4a3210zyxwvut';
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';

function capture() {
  const lines: string[] = [];
  return { lines, write: (chunk: string) => lines.push(chunk) };
}

let dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  dirs = [];
});

describe('logger', () => {
  it('has the levels of the operations specification, in its order, and honours the threshold', () => {
    const out = capture();
    const { logger } = createLogging({
      env: { NODE_ENV: 'development' },
      level: 'http',
      console: out,
    });
    for (const level of LEVEL_NAMES) logger[level](`at ${level}`);
    const seen = out.lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(seen).toEqual(['at error', 'at warn', 'at info', 'at http']);
    const levels = LEVEL_NAMES.map((name) => logger.levels.values[name]);
    expect([...levels].sort((a, b) => b - a)).toEqual(levels);
  });

  it('never writes a secret, token or password, wherever it hides', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tend-logs-'));
    dirs.push(dir);
    const out = capture();
    const { logger, files } = createLogging({
      env: { NODE_ENV: 'development', JWT_SECRET: SECRET, LOG_DIR: dir },
      console: out,
    });
    logger.info({ config: { nested: { deeper: { value: SECRET } } } }, `booting with ${SECRET}`);
    logger.warn(
      { headers: { authorization: `Bearer ${JWT}` }, password: 'hunter2hunter2' },
      'login',
    );
    logger.error(new Error(`db url postgres://app:${SECRET}@db/x failed`), 'oops');
    logger.info({ email: 'alice@example.com' }, `token ${JWT}`);
    const written = [
      out.lines.join(''),
      await readFile(files!.combined, 'utf8'),
      await readFile(files!.error, 'utf8'),
    ];
    for (const text of written) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(JWT);
      expect(text).not.toContain('hunter2');
      expect(text).not.toContain('alice@example.com');
    }
    expect(written[0]).toContain('[redacted]');
    expect(written[0]).toContain('a***@example.com');
  });

  it('writes errors to error.log and everything to combined.log, with context fields', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tend-logs-'));
    dirs.push(dir);
    const { logger, files } = createLogging({ env: { NODE_ENV: 'production', LOG_DIR: dir } });
    const child = logger.child({ requestId: 'req-1', userId: 'u-1', sessionId: 's-1' });
    child.info({ taskId: 't-1', metadata: { priority: 2, hasDeadline: true } }, 'Task created');
    child.error('sync failed');
    const combined = (await readFile(files!.combined, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const errors = (await readFile(files!.error, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(combined.map((l) => l.msg)).toEqual(['Task created', 'sync failed']);
    expect(errors.map((l) => l.msg)).toEqual(['sync failed']);
    expect(combined[0]).toMatchObject({
      requestId: 'req-1',
      userId: 'u-1',
      sessionId: 's-1',
      environment: 'production',
      metadata: { priority: 2, hasDeadline: true },
    });
  });

  it('ships to Datadog over HTTP only when DATADOG_API_KEY is set', async () => {
    const received: { headers: IncomingMessage['headers']; body: unknown[] }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: JSON.parse(body) as unknown[] });
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2/logs`;
    try {
      const without = createLogging({
        env: { NODE_ENV: 'production', DATADOG_LOGS_URL: url },
        console: capture(),
      });
      expect(without.datadog).toBeNull();
      const { logger, datadog } = createLogging({
        env: {
          NODE_ENV: 'production',
          DATADOG_API_KEY: 'dd-key-1234567890',
          DATADOG_LOGS_URL: url,
        },
        console: capture(),
      });
      logger.info({ userId: 'u-1' }, 'shipped');
      logger.debug('below the Datadog threshold');
      await datadog!.flush();
      expect(received).toHaveLength(1);
      expect(received[0].headers['dd-api-key']).toBe('dd-key-1234567890');
      expect(received[0].body).toEqual([
        expect.objectContaining({
          message: 'shipped',
          status: 'info',
          service: 'tend-sync',
          userId: 'u-1',
        }),
      ]);
      // The API key itself is a secret for every other log line.
      expect(JSON.stringify(received[0].body)).not.toContain('dd-key-1234567890');
    } finally {
      server.close();
    }
  });
});
