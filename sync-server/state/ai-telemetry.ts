// AI quick-add telemetry aggregated across every instance: hourly buckets of sums and shares (only numbers and
// flags, never what the user typed), over the last 24 hours.
import type { AiStats, AiTelemetryEvent } from '../ops/metrics/ai-telemetry';
import type { StateBackend } from './backend';
import { createSharedCounters, type CounterTiming } from './counters';

export interface AiTelemetryTotals {
  record(events: readonly AiTelemetryEvent[], at: number): void;
  stats(now: number): Promise<AiStats>;
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** Each flag is counted twice: how many events reported it, and how many reported it true. */
const FLAGS = ['accepted', 'cacheHit', 'fallback', 'timedOut'] as const;
const SAMPLES = 0;
const INFERENCE_SUM = 1;
const FLAG_START = 2;
const WIDTH = FLAG_START + FLAGS.length * 2;

export function createAiTelemetryTotals(
  backend: StateBackend,
  { windowMs = 24 * 3600_000, ...flushing }: CounterTiming = {},
): AiTelemetryTotals {
  const counters = createSharedCounters(backend, {
    series: 'ai',
    bucketMs: 3600_000,
    windowMs,
    width: WIDTH,
    ...flushing,
  });
  return {
    record(events, at) {
      const values = new Array<number>(WIDTH).fill(0);
      for (const event of events) {
        values[SAMPLES] += 1;
        values[INFERENCE_SUM] += event.inferenceMs;
        FLAGS.forEach((flag, i) => {
          if (event[flag] === undefined) return;
          values[FLAG_START + 2 * i] += 1;
          if (event[flag]) values[FLAG_START + 2 * i + 1] += 1;
        });
      }
      counters.add(at, values);
    },
    async stats(now) {
      const totals = await counters.totals(now);
      const share = (i: number) => {
        const known = totals[FLAG_START + 2 * i];
        return known === 0 ? null : totals[FLAG_START + 2 * i + 1] / known;
      };
      const samples = totals[SAMPLES];
      return {
        samples,
        inference_time: samples === 0 ? 0 : totals[INFERENCE_SUM] / samples,
        parse_accuracy: share(FLAGS.indexOf('accepted')),
        cache_hit_rate: share(FLAGS.indexOf('cacheHit')),
        fallback_rate: share(FLAGS.indexOf('fallback')),
        timeout_rate: share(FLAGS.indexOf('timedOut')),
      };
    },
    flush: () => counters.flush(),
    close: () => counters.close(),
  };
}
