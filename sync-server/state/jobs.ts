// Long-running ops work (backups, restores) tracked by id in shared state, so a restore started through one
// instance reports its progress through any other. The instance running the job writes its record: on
// start, at most every `progressEveryMs` while it reports progress, and when it settles.
import type { ProgressEvent } from '../ops/backup/progress';
import type { StateBackend } from './backend';

interface JobRecord {
  id: string;
  kind: string;
  status: 'running' | 'succeeded' | 'failed';
  /** The instance running the job. */
  instance: string;
  startedAt: string;
  finishedAt: string | null;
  progress: ProgressEvent | null;
  events: ProgressEvent[];
  result: unknown;
  error: string | null;
}

export interface JobRegistry {
  start(
    kind: string,
    run: (onProgress: (e: ProgressEvent) => void) => Promise<unknown>,
  ): Promise<JobRecord>;
  get(id: string): Promise<JobRecord | undefined>;
  list(limit?: number): Promise<JobRecord[]>;
  /** Resolves when a job started by this instance settles (tests and the CLI). */
  wait(id: string): Promise<JobRecord>;
}

interface JobStore {
  save(job: JobRecord): Promise<void>;
  get(id: string): Promise<JobRecord | undefined>;
  list(limit: number): Promise<JobRecord[]>;
}

const MAX_EVENTS = 200;

function postgresJobs({ db }: StateBackend): JobStore {
  type Row = {
    id: string;
    kind: string;
    status: JobRecord['status'];
    instance: string;
    started_at: Date | string;
    finished_at: Date | string | null;
    progress: ProgressEvent | null;
    events: ProgressEvent[];
    result: unknown;
    error: string | null;
  };
  const toRecord = (r: Row): JobRecord => ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    instance: r.instance,
    startedAt: new Date(r.started_at).toISOString(),
    finishedAt: r.finished_at === null ? null : new Date(r.finished_at).toISOString(),
    progress: r.progress,
    events: r.events,
    result: r.result,
    error: r.error,
  });
  const COLUMNS =
    'id, kind, status, instance, started_at, finished_at, progress, events, result, error';
  return {
    async save(job) {
      await db.query(
        `insert into tend_ops.jobs (${COLUMNS})
         values ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8::text::jsonb, $9::text::jsonb, $10)
         on conflict (id) do update set status = excluded.status, finished_at = excluded.finished_at,
           progress = excluded.progress, events = excluded.events, result = excluded.result,
           error = excluded.error, updated_at = now()`,
        [
          job.id,
          job.kind,
          job.status,
          job.instance,
          job.startedAt,
          job.finishedAt,
          JSON.stringify(job.progress),
          JSON.stringify(job.events),
          JSON.stringify(job.result ?? null),
          job.error,
        ],
      );
    },
    async get(id) {
      const rows = await db.query<Row>(`select ${COLUMNS} from tend_ops.jobs where id = $1`, [id]);
      return rows[0] && toRecord(rows[0]);
    },
    async list(limit) {
      const rows = await db.query<Row>(
        `select ${COLUMNS} from tend_ops.jobs order by started_at desc limit $1`,
        [limit],
      );
      return rows.map(toRecord);
    },
  };
}

function redisJobs({ redis, redisPrefix }: StateBackend): JobStore {
  const client = redis!;
  const key = (id: string) => `${redisPrefix}job:${id}`;
  const index = `${redisPrefix}jobs`;
  const keepMs = 7 * 24 * 3600_000;
  return {
    async save(job) {
      await client
        .multi()
        .set(key(job.id), JSON.stringify(job), 'PX', keepMs)
        .zadd(index, Date.parse(job.startedAt), job.id)
        .zremrangebyrank(index, 0, -1001)
        .exec();
    },
    async get(id) {
      const json = await client.get(key(id));
      return json === null ? undefined : (JSON.parse(json) as JobRecord);
    },
    async list(limit) {
      const ids = await client.zrevrange(index, 0, limit - 1);
      if (ids.length === 0) return [];
      const values = await client.mget(ids.map(key));
      return values.flatMap((json) => (json === null ? [] : [JSON.parse(json) as JobRecord]));
    },
  };
}

export function createJobRegistry(
  backend: StateBackend,
  {
    newId,
    progressEveryMs = 250,
    onSaveError = () => {},
  }: { newId: () => string; progressEveryMs?: number; onSaveError?: (error: unknown) => void },
): JobRegistry {
  const store = backend.redis ? redisJobs(backend) : postgresJobs(backend);
  const done = new Map<string, Promise<JobRecord>>();
  const at = () => new Date(backend.now()).toISOString();

  return {
    async start(kind, run) {
      const job: JobRecord = {
        id: newId(),
        kind,
        status: 'running',
        instance: backend.instanceId,
        startedAt: at(),
        finishedAt: null,
        progress: null,
        events: [],
        result: null,
        error: null,
      };
      await store.save(job);
      // Writes go one after another, so an older snapshot never lands after a newer one.
      let writes = Promise.resolve();
      let pending: ReturnType<typeof setTimeout> | null = null;
      const save = () => {
        const snapshot = { ...job, events: [...job.events] };
        writes = writes.then(() => store.save(snapshot)).catch(onSaveError);
        return writes;
      };
      const onProgress = (event: ProgressEvent) => {
        job.progress = event;
        job.events = [...job.events, event].slice(-MAX_EVENTS);
        pending ??= setTimeout(() => {
          pending = null;
          void save();
        }, progressEveryMs);
      };
      const settle = async (changes: Partial<JobRecord>) => {
        if (pending) clearTimeout(pending);
        pending = null;
        Object.assign(job, changes, { finishedAt: at() });
        await save();
        done.delete(job.id);
        return job;
      };
      done.set(
        job.id,
        run(onProgress).then(
          (result) => settle({ status: 'succeeded', result }),
          (error: unknown) =>
            settle({
              status: 'failed',
              error: error instanceof Error ? error.message : String(error),
            }),
        ),
      );
      return { ...job };
    },
    get: (id) => store.get(id),
    list: (limit = 100) => store.list(limit),
    async wait(id) {
      return (
        (await done.get(id)) ?? (await store.get(id)) ?? Promise.reject(new Error(`no job ${id}`))
      );
    },
  };
}
