// The AI quick-add telemetry that clients send when the user opted in (one event per parse), and the figures
// the dashboard reads from it. Only numbers and flags are kept, never the text the user typed; the totals
// across instances live in state/ai-telemetry.ts.
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
