import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CRON_JOBS } from './cron-jobs';
import { parseCron } from './schedule';
import { createScheduler, SELF_HOSTED_SCHEDULES } from './scheduler';

const at = (iso: string) => new Date(iso);

describe('cron expressions', () => {
  it('matches the schedules of the operations specification at exactly the right minutes (UTC)', () => {
    const daily = parseCron('0 2 * * *');
    expect(daily.matches(at('2026-11-26T02:00:00Z'))).toBe(true);
    expect(daily.matches(at('2026-11-26T02:01:00Z'))).toBe(false);
    expect(daily.matches(at('2026-11-26T03:00:00Z'))).toBe(false);
    const quarter = parseCron('*/15 * * * *');
    const minutes = Array.from({ length: 60 }, (_, m) => m).filter((m) =>
      quarter.matches(new Date(Date.UTC(2026, 10, 26, 5, m))),
    );
    expect(minutes).toEqual([0, 15, 30, 45]);
    expect(parseCron('0 3 * * *').matches(at('2026-11-26T03:00:00Z'))).toBe(true);
  });

  it('supports lists, ranges and weekday/day-of-month either-or, and rejects nonsense', () => {
    const hourly = parseCron('0 0-2,4-23 * * *');
    expect(hourly.matches(at('2026-11-26T03:00:00Z'))).toBe(false);
    expect(hourly.matches(at('2026-11-26T04:00:00Z'))).toBe(true);
    const either = parseCron('0 0 1 * 1');
    expect(either.matches(at('2026-12-01T00:00:00Z'))).toBe(true); // the 1st (a Tuesday)
    expect(either.matches(at('2026-11-30T00:00:00Z'))).toBe(true); // a Monday
    expect(either.matches(at('2026-11-26T00:00:00Z'))).toBe(false);
    for (const bad of ['* * * *', '60 * * * *', '*/0 * * * *', 'a * * * *', '5-1 * * * *']) {
      expect(() => parseCron(bad)).toThrow();
    }
  });

  it('uses the same schedules as vercel.json', () => {
    const vercel = JSON.parse(
      readFileSync(new URL('../../../vercel.json', import.meta.url), 'utf8'),
    ) as {
      crons: { path: string; schedule: string }[];
    };
    expect(vercel.crons).toEqual(CRON_JOBS.map(({ path, schedule }) => ({ path, schedule })));
  });
});

describe('scheduler', () => {
  it('runs due jobs once per slot even when two instances tick together', async () => {
    const claimed = new Set<string>();
    const runs: string[] = [];
    const finished: string[] = [];
    const make = () =>
      createScheduler({
        jobs: SELF_HOSTED_SCHEDULES.map((s) => ({
          name: s.name,
          schedule: s.schedule,
          run: async () => {
            runs.push(s.name);
            return { ok: true, report: null };
          },
        })),
        // The database claim, as tend_ops.job_runs' primary key makes it: first caller wins.
        claim: async (job, slot) => {
          const key = `${job}@${slot.toISOString()}`;
          if (claimed.has(key)) return false;
          claimed.add(key);
          return true;
        },
        finish: async (job) => {
          finished.push(job);
        },
        onError: (job, error) => {
          throw new Error(`${job}: ${String(error)}`);
        },
      });
    const [a, b] = [make(), make()];
    await Promise.all([a.tick(at('2026-11-26T02:00:20Z')), b.tick(at('2026-11-26T02:00:40Z'))]);
    // The reminder job runs every minute, once between the two instances.
    expect(runs.sort()).toEqual(['backup-incremental', 'daily-cleanup', 'reminders', 'sync-check']);
    runs.length = 0;
    await a.tick(at('2026-11-26T03:00:00Z'));
    expect(runs.sort()).toEqual(['backup', 'reminders', 'sync-check']);
    runs.length = 0;
    await a.tick(at('2026-11-26T03:07:00Z'));
    expect(runs).toEqual(['reminders']);
    expect(finished).toHaveLength(8);
  });

  it('reports a failing job and keeps going', async () => {
    const errors: string[] = [];
    const finished: [string, boolean][] = [];
    const scheduler = createScheduler({
      jobs: [
        { name: 'boom', schedule: '* * * * *', run: () => Promise.reject(new Error('disk full')) },
        { name: 'fine', schedule: '* * * * *', run: async () => ({ ok: true, report: 1 }) },
      ],
      claim: async () => true,
      finish: async (job, _slot, ok) => {
        finished.push([job, ok]);
      },
      onError: (job, error) => errors.push(`${job}: ${(error as Error).message}`),
    });
    expect(await scheduler.tick(at('2026-11-26T10:00:00Z'))).toEqual(['boom', 'fine']);
    expect(errors).toEqual(['boom: disk full']);
    expect(finished.sort()).toEqual([
      ['boom', false],
      ['fine', true],
    ]);
  });
});
