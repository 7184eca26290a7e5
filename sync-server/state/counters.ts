// Counters shared by every instance, in fixed time buckets: each instance adds to its own running totals in
// memory (no I/O on the hot path) and writes them, overwriting its previous write, every `flushMs`; a reader
// sums every instance's totals over the buckets in its window. Overwriting instead of incrementing makes a
// retried flush harmless, and a flush that fails (database down) is simply retried with newer totals.
import type { StateBackend } from './backend';

interface SharedCountersOptions {
  /** Names the series in storage: `requests`, `ai`. */
  series: string;
  bucketMs: number;
  windowMs: number;
  /** How many numbers each bucket holds. */
  width: number;
  flushMs?: number;
  onFlushError?: (error: unknown) => void;
}

/** What the owner of a series may set: the window (each series has its own default) and the flushing. */
export type CounterTiming = Partial<
  Pick<SharedCountersOptions, 'windowMs' | 'flushMs' | 'onFlushError'>
>;

export interface SharedCounters {
  /** Adds `values` element-wise to this instance's bucket for time `at`. */
  add(at: number, values: readonly number[]): void;
  /** Element-wise sums over every instance and every bucket of the window ending at `now`. */
  totals(now: number): Promise<number[]>;
  /** The same sums over this instance's buckets only, from memory. */
  localTotals(now: number): number[];
  flush(): Promise<void>;
  /** Stops the timer after a last flush. */
  close(): Promise<void>;
}

interface BucketRow {
  bucketStart: number;
  instance: string;
  counts: number[];
}

interface BucketStore {
  write(rows: { bucketStart: number; counts: number[] }[]): Promise<void>;
  read(sinceBucket: number, untilBucket: number): Promise<BucketRow[]>;
  prune(beforeBucket: number): Promise<void>;
}

function postgresBuckets(backend: StateBackend, series: string): BucketStore {
  const { db, instanceId } = backend;
  return {
    async write(rows) {
      await db.query(
        `insert into tend_ops.metric_buckets (series, bucket_start, instance, counts)
         select $1, to_timestamp(r.at / 1000.0), $2,
                array(select jsonb_array_elements_text(r.counts)::float8)
           from jsonb_to_recordset($3::text::jsonb) as r(at bigint, counts jsonb)
         on conflict (series, bucket_start, instance)
           do update set counts = excluded.counts, updated_at = now()`,
        [
          series,
          instanceId,
          JSON.stringify(rows.map((r) => ({ at: r.bucketStart, counts: r.counts }))),
        ],
      );
    },
    async read(since, until) {
      const rows = await db.query<{ at: string | number; instance: string; counts: number[] }>(
        `select (extract(epoch from bucket_start) * 1000)::bigint as at, instance, counts
           from tend_ops.metric_buckets
          where series = $1 and bucket_start between to_timestamp($2 / 1000.0) and to_timestamp($3 / 1000.0)`,
        [series, since, until],
      );
      return rows.map((r) => ({
        bucketStart: Number(r.at),
        instance: r.instance,
        counts: r.counts.map(Number),
      }));
    },
    async prune(before) {
      await db.query(
        'delete from tend_ops.metric_buckets where series = $1 and bucket_start < to_timestamp($2 / 1000.0)',
        [series, before],
      );
    },
  };
}

function redisBuckets(
  backend: StateBackend,
  series: string,
  bucketMs: number,
  windowMs: number,
): BucketStore {
  const redis = backend.redis!;
  const key = (bucketStart: number) => `${backend.redisPrefix}metrics:${series}:${bucketStart}`;
  // A bucket outlives the window by one bucket, then Redis forgets it: no pruning pass needed.
  const ttlMs = windowMs + 2 * bucketMs;
  return {
    async write(rows) {
      const batch = redis.multi();
      for (const row of rows) {
        batch.hset(key(row.bucketStart), backend.instanceId, JSON.stringify(row.counts));
        batch.pexpire(key(row.bucketStart), ttlMs);
      }
      await batch.exec();
    },
    async read(since, until) {
      const starts: number[] = [];
      for (let at = since; at <= until; at += bucketMs) starts.push(at);
      const batch = redis.pipeline();
      for (const at of starts) batch.hgetall(key(at));
      const replies = (await batch.exec()) ?? [];
      return replies.flatMap(([error, hash], i) => {
        if (error) throw error;
        return Object.entries(hash as Record<string, string>).map(([instance, json]) => ({
          bucketStart: starts[i],
          instance,
          counts: (JSON.parse(json) as unknown[]).map(Number),
        }));
      });
    },
    prune: async () => {},
  };
}

export function createSharedCounters(
  backend: StateBackend,
  {
    series,
    bucketMs,
    windowMs,
    width,
    flushMs = 1000,
    onFlushError = () => {},
  }: SharedCountersOptions,
): SharedCounters {
  const store = backend.redis
    ? redisBuckets(backend, series, bucketMs, windowMs)
    : postgresBuckets(backend, series);
  const local = new Map<number, number[]>();
  const dirty = new Set<number>();
  const bucketOf = (at: number) => Math.floor(at / bucketMs) * bucketMs;
  const firstBucket = (now: number) => bucketOf(now - windowMs + bucketMs);
  let flushing: Promise<void> | null = null;
  let lastPrune = 0;

  function localBuckets(now: number): number[][] {
    const since = firstBucket(now);
    return [...local].filter(([at]) => at >= since && at <= now).map(([, counts]) => counts);
  }

  function sumOf(rows: readonly (readonly number[])[]): number[] {
    const sum = new Array<number>(width).fill(0);
    for (const counts of rows) for (let i = 0; i < width; i++) sum[i] += counts[i] ?? 0;
    return sum;
  }

  function forget(now: number) {
    const oldest = firstBucket(now);
    for (const at of local.keys()) if (at < oldest && !dirty.has(at)) local.delete(at);
  }

  async function writeDirty() {
    if (dirty.size === 0) return;
    const rows = [...dirty].map((bucketStart) => ({
      bucketStart,
      counts: [...local.get(bucketStart)!],
    }));
    dirty.clear();
    try {
      await store.write(rows);
    } catch (error) {
      // Written again at the next flush, with whatever was added meanwhile.
      for (const row of rows) dirty.add(row.bucketStart);
      throw error;
    }
    const now = backend.now();
    forget(now);
    if (now - lastPrune > 10 * 60_000) {
      lastPrune = now;
      await store.prune(firstBucket(now) - bucketMs);
    }
  }

  function flush(): Promise<void> {
    // One flush at a time; a caller arriving meanwhile waits for it and then writes what is left.
    const run = (flushing ?? Promise.resolve()).then(writeDirty);
    const settled = run.catch(() => {});
    flushing = settled;
    void settled.then(() => {
      if (flushing === settled) flushing = null;
    });
    return run;
  }

  const timer = setInterval(() => {
    flush().catch(onFlushError);
  }, flushMs);
  timer.unref();

  return {
    add(at, values) {
      const bucket = bucketOf(at);
      let counts = local.get(bucket);
      if (!counts) {
        counts = new Array<number>(width).fill(0);
        local.set(bucket, counts);
      }
      for (let i = 0; i < width; i++) counts[i] += values[i] ?? 0;
      dirty.add(bucket);
    },
    async totals(now) {
      const rows = await store.read(firstBucket(now), bucketOf(now));
      // This instance's own numbers come from memory, fresher than its last flush.
      const others = rows.filter((row) => row.instance !== backend.instanceId);
      return sumOf([...others.map((row) => row.counts), ...localBuckets(now)]);
    },
    localTotals: (now) => sumOf(localBuckets(now)),
    flush,
    async close() {
      clearInterval(timer);
      await flush().catch(onFlushError);
    },
  };
}
