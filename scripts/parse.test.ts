// The quick-add CLI end to end: a real tsx process, stdin in, JSON lines out.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function runCli(input: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  return spawnSync('node_modules/.bin/tsx', ['scripts/parse.ts', ...args], {
    input,
    encoding: 'utf8',
    env,
  });
}

describe('npm run parse', () => {
  it('writes one JSON object per non-blank line with exactly the documented keys', () => {
    const out = runCli('Call mom tomorrow at 5pm p2 #Family @phone !30 min before\n\nRead 1984\n', [
      '--now',
      '2026-11-26T09:00',
    ]);
    expect(out.status).toBe(0);
    const lines = out.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      {
        title: 'Call mom',
        due: '2026-11-27T17:00',
        priority: 2,
        project: 'Family',
        labels: ['phone'],
        recurrence: null,
        reminders: [{ before: 30 }],
      },
      {
        title: 'Read 1984',
        due: null,
        priority: 4,
        project: null,
        labels: [],
        recurrence: null,
        reminders: [],
      },
    ]);
    expect(Object.keys(lines[0])).toEqual([
      'title',
      'due',
      'priority',
      'project',
      'labels',
      'recurrence',
      'reminders',
    ]);
  });

  it('reads --now as local wall-clock time in any time zone', () => {
    for (const TZ of ['America/Los_Angeles', 'Asia/Kolkata', 'UTC']) {
      const out = runCli('Stretch every day at 8am\nLunch at noon\n', ['--now=2026-12-31T18:30'], {
        ...process.env,
        TZ,
      });
      expect(
        out.stdout
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l).due),
        TZ,
      ).toEqual(['2027-01-01T08:00', '2026-12-31T12:00'.replace('2026-12-31', '2027-01-01')]);
    }
  });

  it('accepts seconds, and an instant with a zone seen on the local clock', () => {
    const env = { ...process.env, TZ: 'America/Los_Angeles' };
    const dues = (now: string) =>
      JSON.parse(runCli('Lunch at noon\n', ['--now', now], env).stdout).due;
    expect(dues('2026-11-26T09:00:30')).toBe('2026-11-26T12:00');
    expect(dues('2026-11-26T17:00:00Z')).toBe('2026-11-26T12:00'); // 09:00 in Los Angeles
    expect(dues('2026-11-26T21:00:00Z')).toBe('2026-11-27T12:00'); // 13:00 there: noon has passed
  });

  it('rejects a malformed --now with a message and exit code 2', () => {
    const out = runCli('x\n', ['--now', 'next tuesday']);
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/--now must be a local time/);
  });
});
