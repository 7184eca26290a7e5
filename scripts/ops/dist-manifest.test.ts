import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyDistManifest, writeDistManifest } from './dist-manifest.mjs';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('dist manifest', () => {
  it('accepts the tested build and names every file that changed, appeared or vanished', () => {
    dir = mkdtempSync(join(tmpdir(), 'tend-dist-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<html>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'sw.js'), 'self');
    writeDistManifest(dir);
    expect(verifyDistManifest(dir)).toEqual([]);

    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(2)');
    writeFileSync(join(dir, 'extra.js'), '');
    rmSync(join(dir, 'sw.js'));
    expect(verifyDistManifest(dir)).toEqual(['assets/app.js', 'extra.js', 'sw.js']);
  });
});
