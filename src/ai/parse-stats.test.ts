import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { getMeta, openTendDb } from '../db/database';
import type { TendDb } from '../db/database';
import {
  TELEMETRY_QUEUE_KEY,
  computeFigures,
  createEmptyCounts,
  flushTelemetry,
  getCounts,
  percentile,
  recordParse,
  recordSettled,
} from './parse-stats';
import type { TelemetryEvent } from './parse-stats';

let db: TendDb;
const open = () =>
  (db = openTendDb(`figures-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange }));
afterEach(() => db?.close());

describe('figures', () => {
  it('has no figures before any parse', async () => {
    open();
    expect(computeFigures(await getCounts(db))).toEqual({
      inference_time: null,
      fallback_rate: null,
      cache_hit_rate: null,
      parse_accuracy: null,
      timeout_rate: null,
    });
  });

  it('computes p50/p95 inference time and the rates from the outcomes', async () => {
    open();
    for (let ms = 100; ms <= 2000; ms += 100)
      await recordParse(db, { outcome: 'agreed', inferenceMs: ms });
    await recordParse(db, { outcome: 'timeout', inferenceMs: 8000 });
    await recordParse(db, { outcome: 'invalid', inferenceMs: 900 });
    await recordParse(db, { outcome: 'unavailable' });
    await recordParse(db, { outcome: 'cache_hit' });
    await recordParse(db, { outcome: 'skipped' });
    await recordSettled(db, { accepted: true, inferenceMs: 500 });
    await recordSettled(db, { accepted: true, inferenceMs: 500 });
    await recordSettled(db, { accepted: false, inferenceMs: 500 });

    const figures = computeFigures(await getCounts(db));
    expect(figures.inference_time).toEqual({ p50: 1000, p95: 1900, samples: 20 });
    expect(figures.fallback_rate).toBeCloseTo(3 / 24);
    expect(figures.cache_hit_rate).toBeCloseTo(1 / 24);
    expect(figures.timeout_rate).toBeCloseTo(1 / 22);
    expect(figures.parse_accuracy).toBeCloseTo(2 / 3);
    expect((await getCounts(db)).skipped).toBe(1);
  });

  it('keeps only the latest 200 inference samples', async () => {
    open();
    for (let i = 0; i < 205; i += 1) await recordParse(db, { outcome: 'agreed', inferenceMs: i });
    const counts = await getCounts(db);
    expect(counts.inferenceMs).toHaveLength(200);
    expect(counts.inferenceMs[0]).toBe(5);
  });

  it('percentile is nearest-rank', () => {
    expect(percentile([5, 1, 3], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4], 95)).toBe(4);
    expect(computeFigures({ ...createEmptyCounts(), inferenceMs: [7] }).inference_time).toEqual({
      p50: 7,
      p95: 7,
      samples: 1,
    });
  });
});

describe('telemetry', () => {
  function recordingFetch(status = 200) {
    const calls: { url: string; body: { events: TelemetryEvent[] } }[] = [];
    const fetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, body: JSON.parse(String(init.body)) });
      return new Response(null, { status });
    }) as typeof globalThis.fetch;
    return { calls, fetch };
  }

  it('sends numbers only, in the shape the telemetry endpoint takes, when opted in', async () => {
    open();
    await recordParse(db, { outcome: 'timeout', inferenceMs: 8000.4, model: 'm' });
    await recordParse(db, { outcome: 'refined', inferenceMs: 700 });
    await recordSettled(db, { accepted: true, inferenceMs: 700, model: 'm' });
    const { calls, fetch } = recordingFetch();

    expect(await flushTelemetry(db, { optedIn: true, fetch })).toBe(2);
    expect(calls[0].url).toBe('/api/telemetry/ai');
    expect(calls[0].body.events).toEqual([
      { inferenceMs: 8000, cacheHit: false, fallback: true, timedOut: true, model: 'm' },
      {
        inferenceMs: 700,
        accepted: true,
        cacheHit: false,
        fallback: false,
        timedOut: false,
        model: 'm',
      },
    ]);
    expect(await getMeta(db, TELEMETRY_QUEUE_KEY)).toEqual([]);
    expect(await flushTelemetry(db, { optedIn: true, fetch })).toBe(0);
    expect(calls).toHaveLength(1);
  });

  it('sends nothing without consent and forgets what was gathered', async () => {
    open();
    await recordParse(db, { outcome: 'cache_hit' });
    const { calls, fetch } = recordingFetch();
    expect(await flushTelemetry(db, { optedIn: false, fetch })).toBe(0);
    expect(calls).toHaveLength(0);
    expect(await getMeta(db, TELEMETRY_QUEUE_KEY)).toEqual([]);
  });

  it('keeps the queue when the server refuses, and caps it at 100 events', async () => {
    open();
    for (let i = 0; i < 105; i += 1) await recordParse(db, { outcome: 'agreed', inferenceMs: i });
    const { fetch } = recordingFetch(503);
    expect(await flushTelemetry(db, { optedIn: true, fetch })).toBe(0);
    const queue = (await getMeta<TelemetryEvent[]>(db, TELEMETRY_QUEUE_KEY)) ?? [];
    expect(queue).toHaveLength(100);
    expect(queue[0].inferenceMs).toBe(5);
  });
});
