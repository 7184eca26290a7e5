// The request window behind the error-rate and response-time alerts and the dashboard's performance numbers,
// counted across every instance: per-minute buckets of request count, errors, dependency outages and a
// latency histogram from which p50/p95/p99 are read. A 503 with Retry-After (the database is down) is an
// outage, not the server's own error, so it does not raise the error rate.
import type { StateBackend } from './backend';
import { createSharedCounters, type CounterTiming, type SharedCounters } from './counters';

interface RequestSample {
  at: number;
  durationMs: number;
  status: number;
  /** A dependency outage answered with 503 + Retry-After. */
  outage?: boolean;
}

export interface RequestStats {
  count: number;
  p50_response_time: number;
  p95_response_time: number;
  p99_response_time: number;
  error_rate: number;
  /** Requests answered 503 because a dependency (the database) was down; not in `error_rate`. */
  outage_count: number;
  window_ms: number;
}

export interface RequestWindows {
  record(sample: RequestSample): void;
  stats(now: number): Promise<RequestStats>;
  /** This instance's requests only, from memory. */
  instanceStats(now: number): RequestStats;
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** Upper bounds (ms) of the latency buckets; the alert's 2 s threshold is one of them. */
const LATENCY_BOUNDS_MS = [
  1, 2, 5, 10, 20, 35, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10_000,
  30_000, 60_000,
] as const;

// counts layout: [requests, errors, outages, ...one per latency bucket, one for anything slower]
const REQUESTS = 0;
const ERRORS = 1;
const OUTAGES = 2;
const HISTOGRAM = 3;
const WIDTH = HISTOGRAM + LATENCY_BOUNDS_MS.length + 1;

export function latencyBucket(durationMs: number): number {
  const index = LATENCY_BOUNDS_MS.findIndex((bound) => durationMs <= bound);
  return index === -1 ? LATENCY_BOUNDS_MS.length : index;
}

/** The p-th percentile of a histogram, interpolated linearly inside the bucket where it falls. */
export function histogramPercentile(histogram: readonly number[], p: number): number {
  const total = histogram.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  const rank = (p / 100) * total;
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    if (histogram[i] === 0 || seen + histogram[i] < rank) {
      seen += histogram[i];
      continue;
    }
    const lower = i === 0 ? 0 : LATENCY_BOUNDS_MS[i - 1];
    const upper = LATENCY_BOUNDS_MS[i] ?? lower;
    return Math.round((lower + ((rank - seen) / histogram[i]) * (upper - lower)) * 10) / 10;
  }
  return LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1];
}

export function createRequestWindows(
  backend: StateBackend,
  { windowMs = 5 * 60_000, ...flushing }: CounterTiming = {},
): RequestWindows {
  const counters: SharedCounters = createSharedCounters(backend, {
    series: 'requests',
    // Five buckets per window (a minute each for the default five minutes).
    bucketMs: Math.max(1000, Math.floor(windowMs / 5)),
    windowMs,
    width: WIDTH,
    ...flushing,
  });
  return {
    record({ at, durationMs, status, outage = false }) {
      const values = new Array<number>(WIDTH).fill(0);
      values[REQUESTS] = 1;
      values[ERRORS] = status >= 500 && !outage ? 1 : 0;
      values[OUTAGES] = outage ? 1 : 0;
      values[HISTOGRAM + latencyBucket(durationMs)] = 1;
      counters.add(at, values);
    },
    stats: async (now) => statsOf(await counters.totals(now)),
    instanceStats: (now) => statsOf(counters.localTotals(now)),
    flush: () => counters.flush(),
    close: () => counters.close(),
  };

  function statsOf(totals: number[]): RequestStats {
    const histogram = totals.slice(HISTOGRAM);
    const count = totals[REQUESTS];
    return {
      count,
      p50_response_time: histogramPercentile(histogram, 50),
      p95_response_time: histogramPercentile(histogram, 95),
      p99_response_time: histogramPercentile(histogram, 99),
      error_rate: count === 0 ? 0 : totals[ERRORS] / count,
      outage_count: totals[OUTAGES],
      window_ms: windowMs,
    };
  }
}
