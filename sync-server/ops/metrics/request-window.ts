// Request timings over a sliding time window: p50/p95/p99 and the 5xx share that the alert rules and the deploy
// check read. Samples older than the window are dropped on read and write, so memory is bounded by traffic in
// one window (and by `maxSamples` as a hard cap).

export interface RequestSample {
  at: number;
  durationMs: number;
  status: number;
}

export interface RequestStats {
  count: number;
  p50_response_time: number;
  p95_response_time: number;
  p99_response_time: number;
  error_rate: number;
  window_ms: number;
}

export interface RequestWindow {
  record(sample: RequestSample): void;
  stats(now: number): RequestStats;
  samples(now: number): readonly RequestSample[];
}

export function percentile(sortedValues: readonly number[], p: number): number {
  if (sortedValues.length === 0) return 0;
  // Nearest-rank: the smallest value with at least p% of samples at or below it.
  const rank = Math.ceil((p / 100) * sortedValues.length);
  return sortedValues[Math.min(sortedValues.length, Math.max(1, rank)) - 1];
}

export function createRequestWindow({
  windowMs = 5 * 60_000,
  maxSamples = 50_000,
}: { windowMs?: number; maxSamples?: number } = {}): RequestWindow {
  let buffer: RequestSample[] = [];

  function prune(now: number) {
    const cutoff = now - windowMs;
    let drop = 0;
    while (drop < buffer.length && buffer[drop].at < cutoff) drop++;
    if (buffer.length - drop > maxSamples) drop = buffer.length - maxSamples;
    if (drop > 0) buffer = buffer.slice(drop);
  }

  return {
    record(sample) {
      buffer.push(sample);
      prune(sample.at);
    },
    samples(now) {
      prune(now);
      return buffer;
    },
    stats(now) {
      prune(now);
      const durations = buffer.map((s) => s.durationMs).sort((a, b) => a - b);
      const errors = buffer.filter((s) => s.status >= 500).length;
      return {
        count: buffer.length,
        p50_response_time: percentile(durations, 50),
        p95_response_time: percentile(durations, 95),
        p99_response_time: percentile(durations, 99),
        error_rate: buffer.length === 0 ? 0 : errors / buffer.length,
        window_ms: windowMs,
      };
    },
  };
}
