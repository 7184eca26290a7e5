import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStateStores, type StateKind, type StateStores } from '../test/state-backends';
import { createRequestWindows, histogramPercentile, latencyBucket } from './request-windows';

describe('latency histogram', () => {
  it('reads percentiles inside the bucket where they fall', () => {
    const histogram = new Array<number>(23).fill(0);
    for (let i = 0; i < 95; i++) histogram[latencyBucket(40)] += 1; // (35, 50]
    for (let i = 0; i < 5; i++) histogram[latencyBucket(2500)] += 1; // (2000, 3000]
    expect(histogramPercentile(histogram, 50)).toBeGreaterThan(35);
    expect(histogramPercentile(histogram, 50)).toBeLessThanOrEqual(50);
    expect(histogramPercentile(histogram, 99)).toBeGreaterThan(2000);
    expect(histogramPercentile(histogram, 99)).toBeLessThanOrEqual(3000);
    expect(histogramPercentile(new Array<number>(23).fill(0), 95)).toBe(0);
  });
});

describe.each<StateKind>(['postgres', 'redis'])('request windows on %s', (kind) => {
  let stores: StateStores;
  beforeAll(async () => {
    stores = await openStateStores(kind, 'requests');
  });
  afterAll(() => stores.close());

  it('counts every instance, leaves outages out of the error rate, and forgets old minutes', async () => {
    const now = Date.parse('2026-12-02T10:00:30Z');
    const a = createRequestWindows(
      stores.instance('a', () => now),
      { flushMs: 60_000 },
    );
    const b = createRequestWindows(
      stores.instance('b', () => now),
      { flushMs: 60_000 },
    );
    for (let i = 0; i < 30; i++) a.record({ at: now, durationMs: 20, status: 200 });
    for (let i = 0; i < 10; i++) b.record({ at: now - 1000, durationMs: 2500, status: 500 });
    for (let i = 0; i < 10; i++)
      b.record({ at: now - 1000, durationMs: 5, status: 503, outage: true });
    // Outside the five-minute window: must not count.
    b.record({ at: now - 6 * 60_000, durationMs: 1, status: 500 });
    await Promise.all([a.flush(), b.flush()]);

    for (const reader of [a, b]) {
      const stats = await reader.stats(now);
      expect(stats.count).toBe(50);
      expect(stats.error_rate).toBeCloseTo(10 / 50);
      expect(stats.outage_count).toBe(10);
      expect(stats.p50_response_time).toBeLessThanOrEqual(20);
      expect(stats.p95_response_time).toBeGreaterThan(2000);
    }
    // A flush repeated (a retry) does not count twice.
    a.record({ at: now, durationMs: 20, status: 200 });
    await a.flush();
    await a.flush();
    expect((await b.stats(now)).count).toBe(51);
    await Promise.all([a.close(), b.close()]);
  });
});
