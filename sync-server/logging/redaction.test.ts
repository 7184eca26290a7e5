import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

function capture() {
  const lines: string[] = [];
  const console = { write: (chunk: string) => lines.push(chunk) };
  return { lines, logger: createLogger({ env: { NODE_ENV: 'test' }, level: 'info', console }) };
}

describe('logger redaction', () => {
  it('never writes credentials from headers, bodies or config', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        req: {
          headers: { authorization: 'Bearer SECRET-1', cookie: 'sid=SECRET-2', apikey: 'SECRET-3' },
        },
        body: { email: 'a@b.test', password: 'SECRET-4', refresh_token: 'SECRET-5' },
        config: { jwtSecret: 'SECRET-6', encryptionKey: 'SECRET-7', cronSecret: 'SECRET-8' },
        access_token: 'SECRET-9',
      },
      'request',
    );
    const out = lines.join('');
    expect(out).not.toMatch(/SECRET-\d/);
    // E-mail addresses are personal data: masked, but still recognisable for support.
    expect(out).toContain('a***@b.test');
    expect(out).toContain('[redacted]');
  });
});
