// Long-running ops work (backups, restores, maintenance) tracked by id so an admin can start it over HTTP and
// poll its progress. Kept in memory: a job belongs to the instance running it.
import type { ProgressEvent } from './backup/progress';

export interface JobRecord {
  id: string;
  kind: string;
  status: 'running' | 'succeeded' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  progress: ProgressEvent | null;
  events: ProgressEvent[];
  result: unknown;
  error: string | null;
}

export interface JobRegistry {
  start(kind: string, run: (onProgress: (e: ProgressEvent) => void) => Promise<unknown>): JobRecord;
  get(id: string): JobRecord | undefined;
  list(): JobRecord[];
  /** Resolves when the job settles (tests and the CLI). */
  wait(id: string): Promise<JobRecord>;
}

export function createJobRegistry({
  newId,
  now,
}: {
  newId: () => string;
  now: () => number;
}): JobRegistry {
  const jobs = new Map<string, JobRecord>();
  const done = new Map<string, Promise<JobRecord>>();
  return {
    start(kind, run) {
      const job: JobRecord = {
        id: newId(),
        kind,
        status: 'running',
        startedAt: new Date(now()).toISOString(),
        finishedAt: null,
        progress: null,
        events: [],
        result: null,
        error: null,
      };
      jobs.set(job.id, job);
      const onProgress = (e: ProgressEvent) => {
        job.progress = e;
        job.events = [...job.events, e].slice(-200);
      };
      done.set(
        job.id,
        run(onProgress).then(
          (result) =>
            Object.assign(job, {
              status: 'succeeded',
              result,
              finishedAt: new Date(now()).toISOString(),
            }),
          (error: unknown) =>
            Object.assign(job, {
              status: 'failed',
              error: error instanceof Error ? error.message : String(error),
              finishedAt: new Date(now()).toISOString(),
            }),
        ),
      );
      // Bounded history: forget the oldest finished jobs.
      if (jobs.size > 100) {
        for (const [id, j] of jobs) if (j.status !== 'running' && jobs.size > 100) jobs.delete(id);
      }
      return job;
    },
    get: (id) => jobs.get(id),
    list: () => [...jobs.values()].reverse(),
    wait: (id) => done.get(id) ?? Promise.reject(new Error(`no job ${id}`)),
  };
}
