import { chmodSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, ENV_NAMES, loadConfig, SECRET_ENV_NAMES } from './config';
import { generateVapidKeys, isVapidPair } from './push/vapid';
import { MissingSecretError, resolveSecrets } from './secrets';

describe('config', () => {
  it('defaults to port 8787 and ./data with no environment', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8787);
    expect(c.dataDir).toBe('./data');
    expect(c.databaseUrl).toBeUndefined();
    expect(c.production).toBe(false);
  });

  it('reads VITE_ and NEXT_PUBLIC_ twins of the Supabase settings, and lists', () => {
    expect(loadConfig({ VITE_SUPABASE_URL: 'https://a.supabase.co/' }).supabaseUrl).toBe(
      'https://a.supabase.co',
    );
    expect(loadConfig({ NEXT_PUBLIC_SUPABASE_ANON_KEY: 'anon' }).supabaseAnonKey).toBe('anon');
    const c = loadConfig({
      CORS_ORIGINS: 'https://a.example, https://b.example',
      ADMIN_EMAILS: 'Boss@X.test',
    });
    expect(c.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(c.adminEmails).toEqual(['boss@x.test']);
  });

  it('treats blank values as unset and rejects invalid ones by name', () => {
    expect(loadConfig({ PORT: '', NODE_ENV: '' }).port).toBe(8787);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ NODE_ENV: 'staging' })).toThrow(/NODE_ENV/);
  });

  it('sends account mail only to links on SITE_URL, and never auto-confirms without a way to confirm', () => {
    const mail = { SMTP_URL: 'smtp://user:pass@127.0.0.1:2525', SITE_URL: 'https://tend.example/' };
    expect(loadConfig(mail)).toMatchObject({
      smtpUrl: mail.SMTP_URL,
      siteUrl: 'https://tend.example',
      mailerAutoconfirm: true,
    });
    expect(() => loadConfig({ SMTP_URL: mail.SMTP_URL })).toThrow(/SITE_URL/);
    expect(() => loadConfig({ ...mail, SMTP_URL: 'https://mail.example' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ MAILER_AUTOCONFIRM: '0' })).toThrow(/MAILER_AUTOCONFIRM/);
    expect(loadConfig({ ...mail, MAILER_AUTOCONFIRM: 'false' }).mailerAutoconfirm).toBe(false);
  });
});

describe('secrets', () => {
  it('generates missing secrets once into DATA_DIR/secrets.json with mode 0600', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tend-secrets-'));
    let n = 0;
    const generate = () => `generated-${++n}`;
    const first = resolveSecrets(loadConfig({ DATA_DIR: dir }), generate);
    expect(first).toEqual({
      jwtSecret: 'generated-1',
      encryptionKey: 'generated-2',
      cronSecret: 'generated-3',
      vapid: { publicKey: expect.any(String), privateKey: expect.any(String) },
    });
    expect(isVapidPair(first.vapid!)).toBe(true);
    const file = join(dir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = resolveSecrets(loadConfig({ DATA_DIR: dir }), generate);
    expect(again).toEqual(first);
    // An explicitly configured secret wins over the stored one.
    expect(
      resolveSecrets(
        loadConfig({ DATA_DIR: dir, JWT_SECRET: 'from-env-0123456789abcdefghijklmnop' }),
        generate,
      ).jwtSecret,
    ).toBe('from-env-0123456789abcdefghijklmnop');
    chmodSync(file, 0o644);
    resolveSecrets(loadConfig({ DATA_DIR: dir }), generate);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain('from-env-0123456789abcdefghijklmnop');
  });

  it('refuses to start in production without a required secret, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tend-secrets-'));
    const config = loadConfig({
      NODE_ENV: 'production',
      DATA_DIR: dir,
      JWT_SECRET: 'x'.repeat(32),
      ENCRYPTION_KEY: 'y'.repeat(32),
    });
    expect(() => resolveSecrets(config)).toThrow(MissingSecretError);
    expect(() => resolveSecrets(config)).toThrow(/CRON_SECRET/);
    expect(() => resolveSecrets(config)).not.toThrow(/JWT_SECRET/);
  });

  it('takes the VAPID pair from the environment, checks it is one pair, and runs production without one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tend-secrets-'));
    const pair = generateVapidKeys();
    const other = generateVapidKeys();
    const env = { DATA_DIR: dir, VAPID_PUBLIC_KEY: pair.publicKey };
    expect(
      resolveSecrets(loadConfig({ ...env, VAPID_PRIVATE_KEY: pair.privateKey })).vapid,
    ).toEqual(pair);
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).not.toContain(pair.privateKey);
    expect(() => resolveSecrets(loadConfig(env))).toThrow(/VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY/);
    expect(() =>
      resolveSecrets(loadConfig({ ...env, VAPID_PRIVATE_KEY: other.privateKey })),
    ).toThrow(MissingSecretError);
    const production = {
      NODE_ENV: 'production',
      DATA_DIR: dir,
      JWT_SECRET: 'x'.repeat(32),
      ENCRYPTION_KEY: 'y'.repeat(32),
      CRON_SECRET: 'z'.repeat(32),
    };
    expect(resolveSecrets(loadConfig(production)).vapid).toBeUndefined();
    expect(SECRET_ENV_NAMES.has('VAPID_PRIVATE_KEY')).toBe(true);
    expect(loadConfig({ VAPID_SUBJECT: 'mailto:ops@tend.example' }).vapidSubject).toBe(
      'mailto:ops@tend.example',
    );
    expect(() => loadConfig({ VAPID_SUBJECT: 'ops@tend.example' })).toThrow(/VAPID_SUBJECT/);
  });

  it('refuses to start with a configured secret shorter than 32 bytes, naming each', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tend-secrets-'));
    const short = (env: Record<string, string>) => () =>
      resolveSecrets(loadConfig({ NODE_ENV: 'development', DATA_DIR: dir, ...env }));
    expect(short({ JWT_SECRET: 'x'.repeat(31) })).toThrow(/JWT_SECRET must be at least 32 bytes/);
    expect(short({ CRON_SECRET: 'short', ENCRYPTION_KEY: 'also short' })).toThrow(
      /CRON_SECRET, ENCRYPTION_KEY|ENCRYPTION_KEY, CRON_SECRET/,
    );
    expect(short({ JWT_SECRET: 'x'.repeat(32), CRON_SECRET: 'c'.repeat(32) })).not.toThrow();
  });
});

describe('rate-limit configuration', () => {
  it('reads max/window limits, durations and the proxy count, with defaults', () => {
    const c = loadConfig({
      RATE_LIMIT_SIGNUP: '3/90s',
      LOGIN_BACKOFF_MAX: '2h',
      TRUST_PROXY: '2',
    });
    expect(c.rateLimits.signup).toEqual({ max: 3, windowMs: 90_000 });
    expect(c.rateLimits.login).toEqual({ max: 100, windowMs: 300_000 });
    expect(c.rateLimits.loginBackoff).toMatchObject({
      freeFailures: 5,
      baseMs: 1000,
      maxMs: 7_200_000,
    });
    expect([c.trustProxy, c.trustProxyHops]).toEqual([true, 2]);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxyHops).toBe(1);
    expect(loadConfig({}).trustProxy).toBe(false);
  });

  it('names a malformed limit instead of guessing', () => {
    for (const env of [
      { RATE_LIMIT_LOGIN: '100' },
      { RATE_LIMIT_LOGIN: '0/5m' },
      { RATE_LIMIT_LOGIN: '10/5 minutes' },
      { LOGIN_BACKOFF_BASE: '0s' },
      { TRUST_PROXY: 'yes' },
    ]) {
      expect(() => loadConfig(env)).toThrow(new RegExp(Object.keys(env)[0]));
    }
  });
});

describe('event-loop stall limit', () => {
  it('is a duration, a minute unless EVENT_LOOP_STALL_LIMIT says otherwise', () => {
    expect(loadConfig({}).eventLoopStallLimitMs).toBe(60_000);
    expect(loadConfig({ EVENT_LOOP_STALL_LIMIT: '2m' }).eventLoopStallLimitMs).toBe(120_000);
    expect(() => loadConfig({ EVENT_LOOP_STALL_LIMIT: '60' })).toThrow(/EVENT_LOOP_STALL_LIMIT/);
  });
});

describe('environment schema', () => {
  it('declares every variable that .env.example documents', () => {
    const documented = readFileSync(join(import.meta.dirname, '..', '.env.example'), 'utf8')
      .split('\n')
      .map((line) => /^#?\s*([A-Z][A-Z0-9_]*)=/.exec(line)?.[1])
      .filter((name): name is string => name !== undefined)
      .map((name) => name.replace(/^(VITE_|NEXT_PUBLIC_)/, ''));
    expect(documented.filter((name) => !(ENV_NAMES as string[]).includes(name))).toEqual([]);
  });

  it('marks the credentials as secrets and nothing public', () => {
    for (const name of [
      'JWT_SECRET',
      'ENCRYPTION_KEY',
      'CRON_SECRET',
      'DATABASE_URL',
      'SMTP_URL',
    ] as const) {
      expect(SECRET_ENV_NAMES.has(name)).toBe(true);
    }
    for (const name of ['PORT', 'SUPABASE_URL', 'SUPABASE_ANON_KEY', 'LOG_DIR'] as const) {
      expect(SECRET_ENV_NAMES.has(name)).toBe(false);
    }
  });
});
