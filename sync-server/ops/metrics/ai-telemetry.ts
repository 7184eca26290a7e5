// Aggregates the AI quick-add telemetry that clients send when the user opted in (the page posts one event per
// parse). Only numbers and flags are kept, never the text the user typed.
import { z } from 'zod';

const aiTelemetryEventSchema = z
  .object({
    inferenceMs: z.number().nonnegative().max(600_000),
    // Whether the user accepted the parse unchanged: the honest proxy for "parse accuracy" we can observe.
    accepted: z.boolean().optional(),
    cacheHit: z.boolean().optional(),
    fallback: z.boolean().optional(),
    timedOut: z.boolean().optional(),
    model: z.string().max(100).optional(),
  })
  .strict();

export const aiTelemetryBatchSchema = z.object({
  events: z.array(aiTelemetryEventSchema).min(1).max(100),
});

export type AiTelemetryEvent = z.infer<typeof aiTelemetryEventSchema>;

export interface AiStats {
  samples: number;
  inference_time: number;
  parse_accuracy: number | null;
  cache_hit_rate: number | null;
  fallback_rate: number | null;
  timeout_rate: number | null;
}

interface Stored extends AiTelemetryEvent {
  at: number;
}

export interface AiTelemetry {
  record(events: readonly AiTelemetryEvent[], at: number): void;
  stats(now: number): AiStats;
}

function share(events: readonly Stored[], pick: (e: Stored) => boolean | undefined): number | null {
  const known = events.filter((e) => pick(e) !== undefined);
  return known.length === 0 ? null : known.filter((e) => pick(e) === true).length / known.length;
}

export function createAiTelemetry({
  windowMs = 24 * 3600_000,
  maxEvents = 20_000,
}: { windowMs?: number; maxEvents?: number } = {}): AiTelemetry {
  let events: Stored[] = [];
  const prune = (now: number) => {
    events = events.filter((e) => e.at >= now - windowMs).slice(-maxEvents);
  };
  return {
    record(batch, at) {
      for (const event of batch) events.push({ ...event, at });
      prune(at);
    },
    stats(now) {
      prune(now);
      const times = events.map((e) => e.inferenceMs);
      return {
        samples: events.length,
        inference_time: times.length === 0 ? 0 : times.reduce((a, b) => a + b, 0) / times.length,
        parse_accuracy: share(events, (e) => e.accepted),
        cache_hit_rate: share(events, (e) => e.cacheHit),
        fallback_rate: share(events, (e) => e.fallback),
        timeout_rate: share(events, (e) => e.timedOut),
      };
    },
  };
}
