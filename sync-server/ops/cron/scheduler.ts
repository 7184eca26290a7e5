// The in-process scheduler for self-hosted mode (`npm start`): once a minute it runs every job whose cron
// expression matches, after claiming the run in the database so several instances run it once between them.
// Time is injected; `tick(at)` is what the timer calls and what tests call directly.
import { CRON_JOBS } from './cron-jobs';
import { parseCron } from './schedule';

export interface ScheduledJob {
  /** Run-claim name; the hourly incremental backup is its own job. */
  name: string;
  schedule: string;
  run(): Promise<{ ok: boolean; report: unknown }>;
}

export interface SchedulerDeps {
  jobs: readonly ScheduledJob[];
  claim(job: string, slot: Date): Promise<boolean>;
  finish(job: string, slot: Date, ok: boolean, report: unknown): Promise<void>;
  onError(job: string, error: unknown): void;
  now?: () => number;
}

export interface Scheduler {
  tick(at: Date): Promise<string[]>;
  start(): void;
  stop(): void;
}

/** The operations specification's three schedules plus the hourly incremental user-data backup (not at the full backup's hour). */
export const SELF_HOSTED_SCHEDULES = [
  ...CRON_JOBS.map((j) => ({ name: j.name, schedule: j.schedule })),
  { name: 'backup-incremental', schedule: '0 0-2,4-23 * * *' },
] as const;

export function createScheduler({
  jobs,
  claim,
  finish,
  onError,
  now = () => Date.now(),
}: SchedulerDeps): Scheduler {
  const parsed = jobs.map((job) => ({ job, cron: parseCron(job.schedule) }));
  let timer: ReturnType<typeof setTimeout> | null = null;
  const running = new Set<string>();

  async function tick(at: Date): Promise<string[]> {
    const slot = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
    const started: string[] = [];
    await Promise.all(
      parsed
        .filter(({ job, cron }) => cron.matches(slot) && !running.has(job.name))
        .map(async ({ job }) => {
          running.add(job.name);
          try {
            if (!(await claim(job.name, slot))) return;
            started.push(job.name);
            try {
              const { ok, report } = await job.run();
              await finish(job.name, slot, ok, report);
            } catch (error) {
              await finish(job.name, slot, false, { error: String(error) }).catch(() => {});
              throw error;
            }
          } catch (error) {
            onError(job.name, error);
          } finally {
            running.delete(job.name);
          }
        }),
    );
    return started;
  }

  function schedule() {
    const t = now();
    // Wake a second into the next minute, so clock jitter never lands the tick in the previous minute.
    timer = setTimeout(
      () => {
        void tick(new Date(now()));
        schedule();
      },
      60_000 - (t % 60_000) + 1000,
    );
    timer.unref();
  }

  return {
    tick,
    start: () => {
      if (!timer) schedule();
    },
    stop: () => {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
