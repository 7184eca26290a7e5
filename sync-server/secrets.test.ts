// The generated secrets file is replaced whole or not at all: a write that fails half way (a full or
// read-only volume, a crash) must leave the previous file as it was, and the next start must work.
import type * as nodeFs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from './config';

/** When set, the next write to a file writes this many bytes, then fails as a full disk does. */
const failure = vi.hoisted(() => ({ afterBytes: undefined as number | undefined }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof nodeFs>();
  const writeSync = ((fd: number, text: string) => {
    if (failure.afterBytes === undefined) return fs.writeSync(fd, text);
    fs.writeSync(fd, text.slice(0, failure.afterBytes));
    failure.afterBytes = undefined;
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  }) as typeof fs.writeSync;
  return { ...fs, default: { ...fs, writeSync }, writeSync };
});

const { resolveSecrets } = await import('./secrets');

afterEach(() => {
  failure.afterBytes = undefined;
});

describe('the generated secrets file', () => {
  it('keeps the previous file whole when a write fails half way, and a later start works', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tend-secrets-'));
    const file = join(dir, 'secrets.json');
    // A file from an earlier version: one secret stored, the others still to be generated and added.
    const before = JSON.stringify({ jwtSecret: 'stored-jwt-secret' }, null, 2) + '\n';
    writeFileSync(file, before, { mode: 0o600 });
    let n = 0;
    const generate = () => `generated-${++n}`;

    failure.afterBytes = 20;
    expect(() => resolveSecrets(loadConfig({ DATA_DIR: dir }), generate)).toThrow(/ENOSPC/);
    expect(readFileSync(file, 'utf8')).toBe(before);
    // Nothing half-written is left beside it either.
    expect(readdirSync(dir)).toEqual(['secrets.json']);

    const later = resolveSecrets(loadConfig({ DATA_DIR: dir }), generate);
    expect(later.jwtSecret).toBe('stored-jwt-secret');
    expect(later.encryptionKey).toMatch(/^generated-/);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      jwtSecret: 'stored-jwt-secret',
      encryptionKey: later.encryptionKey,
      cronSecret: later.cronSecret,
    });
    expect(resolveSecrets(loadConfig({ DATA_DIR: dir }), generate)).toEqual(later);
  });

  it('leaves no file at all when the very first write fails, and the next start creates it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tend-secrets-'));
    failure.afterBytes = 5;
    expect(() => resolveSecrets(loadConfig({ DATA_DIR: dir }))).toThrow(/ENOSPC/);
    expect(readdirSync(dir)).toEqual([]);

    const first = resolveSecrets(loadConfig({ DATA_DIR: dir }));
    expect(readdirSync(dir)).toEqual(['secrets.json']);
    expect(resolveSecrets(loadConfig({ DATA_DIR: dir }))).toEqual(first);
  });
});
