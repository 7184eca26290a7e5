import { describe, expect, it } from 'vitest';
import { createAiTelemetry } from './ai-telemetry';
import { createCpuSampler } from './cpu';
import { formatPrometheus } from './prometheus';
import { createRequestWindow, percentile } from './request-window';

describe('request window', () => {
  it('computes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(values, 50), percentile(values, 95), percentile(values, 99)]).toEqual([
      50, 95, 99,
    ]);
    expect(percentile([], 95)).toBe(0);
    expect(percentile([7], 99)).toBe(7);
  });

  it('reports p50/p95/p99 and the 5xx share over the window only', () => {
    const w = createRequestWindow({ windowMs: 60_000 });
    for (let i = 1; i <= 100; i++)
      w.record({
        at: 1000 + i,
        durationMs: i,
        status: i % 25 === 0 ? 503 : i % 10 === 0 ? 404 : 200,
      });
    expect(w.stats(2000)).toMatchObject({
      count: 100,
      p50_response_time: 50,
      p95_response_time: 95,
      p99_response_time: 99,
      error_rate: 0.04,
    });
    // A minute later those samples have left the window.
    w.record({ at: 70_000, durationMs: 3, status: 200 });
    expect(w.stats(70_000)).toMatchObject({ count: 1, p95_response_time: 3, error_rate: 0 });
  });

  it('caps memory at maxSamples', () => {
    const w = createRequestWindow({ windowMs: 1e9, maxSamples: 10 });
    for (let i = 0; i < 50; i++) w.record({ at: i, durationMs: i, status: 200 });
    expect(w.samples(50).map((s) => s.durationMs)).toEqual([
      40, 41, 42, 43, 44, 45, 46, 47, 48, 49,
    ]);
  });
});

describe('cpu sampler', () => {
  it('divides busy time by wall time and cores', () => {
    let wall = 0;
    let used = 0;
    const sampler = createCpuSampler({
      now: () => wall,
      cpuUsage: (previous) => ({ user: used - (previous?.user ?? 0), system: 0 }),
      cores: 2,
    });
    wall = 1000; // 1 s of wall time
    used = 500_000; // 0.5 s of CPU (microseconds)
    expect(sampler.sample()).toBe(0.25);
  });
});

describe('AI telemetry', () => {
  it('aggregates rates over known values and forgets old events', () => {
    const ai = createAiTelemetry({ windowMs: 1000 });
    ai.record(
      [
        { inferenceMs: 100, cacheHit: true },
        { inferenceMs: 300, cacheHit: false, timedOut: true },
      ],
      0,
    );
    expect(ai.stats(500)).toMatchObject({
      samples: 2,
      inference_time: 200,
      cache_hit_rate: 0.5,
      timeout_rate: 1,
      parse_accuracy: null,
    });
    expect(ai.stats(2000)).toMatchObject({ samples: 0, inference_time: 0, cache_hit_rate: null });
  });
});

describe('Prometheus text', () => {
  it('writes HELP/TYPE once per metric, escapes labels and omits unknown values', () => {
    expect(
      formatPrometheus([
        { name: 'a', help: 'A', value: 1, labels: { q: 'x"y' } },
        { name: 'a', help: 'A', value: 2, labels: { q: 'z' } },
        { name: 'b', help: 'B', value: null },
      ]),
    ).toBe('# HELP a A\n# TYPE a gauge\na{q="x\\"y"} 1\na{q="z"} 2\n');
  });
});
