// The AI figures the operations spec asks for (inference_time, fallback_rate, cache_hit_rate,
// parse_accuracy, timeout rate), counted on this device in the meta table and shown in Settings.
// Telemetry events (numbers only, never text) queue here and leave only when the user opted in.
import { getMeta, setMeta } from '../db/database';
import type { TendDb } from '../db/database';

export type ParseOutcome =
  'refined' | 'agreed' | 'cache_hit' | 'unavailable' | 'timeout' | 'invalid' | 'error' | 'skipped';

interface FigureCounts {
  attempts: number;
  cacheHits: number;
  modelCalls: number;
  timeouts: number;
  invalid: number;
  unavailable: number;
  errors: number;
  skipped: number;
  refined: number;
  kept: number;
  corrected: number;
  /** The latest inference times in ms, newest last. */
  inferenceMs: number[];
}

/** One event of the server's `POST /api/telemetry/ai`. */
export interface TelemetryEvent {
  inferenceMs: number;
  accepted?: boolean;
  cacheHit?: boolean;
  fallback?: boolean;
  timedOut?: boolean;
  model?: string;
}

interface AiFigures {
  inference_time: { p50: number; p95: number; samples: number } | null;
  fallback_rate: number | null;
  cache_hit_rate: number | null;
  parse_accuracy: number | null;
  timeout_rate: number | null;
}

const FIGURES_KEY = 'ai:figures';
export const TELEMETRY_QUEUE_KEY = 'ai:telemetry-queue';
const MAX_SAMPLES = 200;
/** The telemetry endpoint takes at most 100 events per request; older unsent events are dropped. */
const MAX_QUEUE = 100;

const EMPTY_COUNTS: Readonly<FigureCounts> = {
  attempts: 0,
  cacheHits: 0,
  modelCalls: 0,
  timeouts: 0,
  invalid: 0,
  unavailable: 0,
  errors: 0,
  skipped: 0,
  refined: 0,
  kept: 0,
  corrected: 0,
  inferenceMs: [],
};

/** Fresh counters (a new samples array each time: the constant is never mutated). */
export function createEmptyCounts(): FigureCounts {
  return { ...EMPTY_COUNTS, inferenceMs: [] };
}

export async function getCounts(db: TendDb): Promise<FigureCounts> {
  const stored = await getMeta<FigureCounts>(db, FIGURES_KEY);
  return { ...createEmptyCounts(), ...stored, inferenceMs: [...(stored?.inferenceMs ?? [])] };
}

async function update(
  db: TendDb,
  change: (counts: FigureCounts) => void,
  event?: TelemetryEvent,
): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const counts = await getCounts(db);
    change(counts);
    counts.inferenceMs = counts.inferenceMs.slice(-MAX_SAMPLES);
    await setMeta(db, FIGURES_KEY, counts);
    if (event) {
      const queue = (await getMeta<TelemetryEvent[]>(db, TELEMETRY_QUEUE_KEY)) ?? [];
      await setMeta(db, TELEMETRY_QUEUE_KEY, [...queue, event].slice(-MAX_QUEUE));
    }
  });
}

const FALLBACKS: ReadonlySet<ParseOutcome> = new Set([
  'unavailable',
  'timeout',
  'invalid',
  'error',
]);

/**
 * Counts one background parse. A refined parse's telemetry event waits for `recordSettled`,
 * which knows whether the user kept the result.
 */
export async function recordParse(
  db: TendDb,
  { outcome, inferenceMs, model }: { outcome: ParseOutcome; inferenceMs?: number; model?: string },
): Promise<void> {
  const modelCall = ['refined', 'agreed', 'timeout', 'invalid', 'error'].includes(outcome);
  const event: TelemetryEvent | undefined =
    outcome === 'refined' || outcome === 'skipped'
      ? undefined
      : {
          inferenceMs: Math.round(inferenceMs ?? 0),
          cacheHit: outcome === 'cache_hit',
          fallback: FALLBACKS.has(outcome),
          timedOut: outcome === 'timeout',
          ...(model ? { model } : {}),
        };
  await update(
    db,
    (c) => {
      if (outcome === 'skipped') {
        c.skipped += 1;
        return;
      }
      c.attempts += 1;
      if (modelCall) c.modelCalls += 1;
      if (outcome === 'cache_hit') c.cacheHits += 1;
      if (outcome === 'timeout') c.timeouts += 1;
      if (outcome === 'invalid') c.invalid += 1;
      if (outcome === 'unavailable') c.unavailable += 1;
      if (outcome === 'error') c.errors += 1;
      if (outcome === 'refined') c.refined += 1;
      if (inferenceMs !== undefined && (outcome === 'refined' || outcome === 'agreed')) {
        c.inferenceMs.push(Math.round(inferenceMs));
      }
    },
    event,
  );
}

/** A refinement older than the correction window: did the user leave the model's fields alone? */
export async function recordSettled(
  db: TendDb,
  { accepted, inferenceMs, model }: { accepted: boolean; inferenceMs: number; model?: string },
): Promise<void> {
  await update(
    db,
    (c) => {
      if (accepted) c.kept += 1;
      else c.corrected += 1;
    },
    {
      inferenceMs: Math.round(inferenceMs),
      accepted,
      cacheHit: false,
      fallback: false,
      timedOut: false,
      ...(model ? { model } : {}),
    },
  );
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

export function computeFigures(c: FigureCounts): AiFigures {
  const samples = c.inferenceMs.length;
  return {
    inference_time: samples
      ? { p50: percentile(c.inferenceMs, 50), p95: percentile(c.inferenceMs, 95), samples }
      : null,
    fallback_rate: ratio(c.unavailable + c.timeouts + c.invalid + c.errors, c.attempts),
    cache_hit_rate: ratio(c.cacheHits, c.attempts),
    parse_accuracy: ratio(c.kept, c.kept + c.corrected),
    timeout_rate: ratio(c.timeouts, c.modelCalls),
  };
}

/**
 * Sends the queued events when the user opted in; without consent the queue is emptied instead, so
 * nothing gathered before opting in leaves later. Returns how many were sent.
 */
export async function flushTelemetry(
  db: TendDb,
  {
    optedIn,
    fetch: send = fetch,
    endpoint = '/api/telemetry/ai',
  }: { optedIn: boolean; fetch?: typeof fetch; endpoint?: string },
): Promise<number> {
  const events = (await getMeta<TelemetryEvent[]>(db, TELEMETRY_QUEUE_KEY)) ?? [];
  if (!optedIn) {
    if (events.length) await setMeta(db, TELEMETRY_QUEUE_KEY, []);
    return 0;
  }
  if (events.length === 0) return 0;
  const response = await send(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ events }),
  });
  if (!response.ok) return 0;
  // Keep events recorded while the request was in flight.
  await db.transaction('rw', db.meta, async () => {
    const now = (await getMeta<TelemetryEvent[]>(db, TELEMETRY_QUEUE_KEY)) ?? [];
    await setMeta(db, TELEMETRY_QUEUE_KEY, now.slice(events.length));
  });
  return events.length;
}
