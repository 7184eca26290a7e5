// The in-process scheduler for self-hosted mode (`npm start`): once a minute it runs every job whose cron
// expression matches, after claiming the run in shared state so several instances run it once between them,
// and retries recent slots whose run failed or whose runner vanished. While a job runs, its claim's lease is
// renewed. Time is injected; `tick(at)` is what the timer calls and what tests call directly.
import { CRON_JOBS } from './cron-jobs';
import { parseCron } from './schedule';

interface ScheduledJob {
  /** Run-claim name; the hourly incremental backup is its own job. */
  name: string;
  schedule: string;
  run(): Promise<{ ok: boolean; report: unknown }>;
}

interface SchedulerDeps {
  jobs: readonly ScheduledJob[];
  claim(job: string, slot: Date): Promise<boolean>;
  finish(job: string, slot: Date, ok: boolean, report: unknown): Promise<void>;
  /** Keeps this instance's claim alive while the job runs. */
  renew?(job: string, slot: Date): Promise<void>;
  /** Recent slots that may be claimed again (failed, or abandoned by a runner that died). */
  retryable?(since: Date): Promise<{ job: string; slot: Date }[]>;
  onError(job: string, error: unknown): void;
  now?: () => number;
  renewEveryMs?: number;
}

/** How far back a failed or abandoned slot is still worth retrying. */
const RETRY_WINDOW_MS = 60 * 60_000;

export interface Scheduler {
  tick(at: Date): Promise<string[]>;
  start(): void;
  stop(): void;
}

/** The same jobs and schedules as Vercel Cron (cron-jobs.ts). */
export const SELF_HOSTED_SCHEDULES = CRON_JOBS.map((j) => ({ name: j.name, schedule: j.schedule }));

export function createScheduler({
  jobs,
  claim,
  finish,
  renew,
  retryable,
  onError,
  now = () => Date.now(),
  renewEveryMs = 20_000,
}: SchedulerDeps): Scheduler {
  const parsed = jobs.map((job) => ({ job, cron: parseCron(job.schedule) }));
  let timer: ReturnType<typeof setTimeout> | null = null;
  const running = new Set<string>();

  async function runSlot(job: ScheduledJob, slot: Date, started: string[]): Promise<void> {
    running.add(job.name);
    try {
      if (!(await claim(job.name, slot))) return;
      started.push(job.name);
      const lease = renew
        ? setInterval(() => void renew(job.name, slot).catch(() => {}), renewEveryMs)
        : null;
      try {
        const { ok, report } = await job.run();
        await finish(job.name, slot, ok, report);
      } catch (error) {
        await finish(job.name, slot, false, { error: String(error) }).catch(() => {});
        throw error;
      } finally {
        if (lease) clearInterval(lease);
      }
    } catch (error) {
      onError(job.name, error);
    } finally {
      running.delete(job.name);
    }
  }

  async function tick(at: Date): Promise<string[]> {
    const slot = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
    const started: string[] = [];
    const byName = new Map(jobs.map((job) => [job.name, job]));
    const retries = retryable
      ? await retryable(new Date(slot.getTime() - RETRY_WINDOW_MS)).catch((error: unknown) => {
          onError('retryable', error);
          return [];
        })
      : [];
    await Promise.all([
      ...parsed
        .filter(({ job, cron }) => cron.matches(slot) && !running.has(job.name))
        .map(({ job }) => runSlot(job, slot, started)),
      ...retries
        .filter((r) => byName.has(r.job) && !running.has(r.job) && r.slot < slot)
        .map((r) => runSlot(byName.get(r.job)!, r.slot, started)),
    ]);
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
