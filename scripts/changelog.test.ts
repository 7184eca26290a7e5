import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { latestRelease } from './changelog.mjs';

describe('latestRelease', () => {
  it('takes the newest section and its first paragraph as one line', () => {
    const md =
      '# Changelog\n\nIntro.\n\n## 0.3.0 — 2026-12-09\n\nLive sync and\nreminders.\n\n- detail\n\n## 0.2.0 — 2026-12-02\n\nOlder.\n';
    expect(latestRelease(md)).toEqual({ version: '0.3.0', summary: 'Live sync and reminders.' });
  });

  it('refuses a section without a summary line', () => {
    expect(latestRelease('## 1.0.0\n\n- only bullets\n')).toBeNull();
    expect(latestRelease('# Nothing yet\n')).toBeNull();
  });

  it("reads the project's own changelog", () => {
    const release = latestRelease(readFileSync('docs/CHANGELOG.md', 'utf8'));
    expect(release?.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(release?.summary.length).toBeGreaterThan(10);
  });
});
