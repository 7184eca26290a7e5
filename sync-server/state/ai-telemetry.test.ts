import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStateStores, type StateKind, type StateStores } from '../test/state-backends';
import { createAiTelemetryTotals } from './ai-telemetry';

describe.each<StateKind>(['postgres', 'redis'])('AI telemetry totals on %s', (kind) => {
  let stores: StateStores;
  beforeAll(async () => {
    stores = await openStateStores(kind, 'ai');
  });
  afterAll(() => stores.close());

  it('sums every instance, shares over known values only, and forgets old hours', async () => {
    const now = Date.parse('2026-12-02T10:30:00Z');
    const a = createAiTelemetryTotals(
      stores.instance('a', () => now),
      { flushMs: 60_000 },
    );
    const b = createAiTelemetryTotals(
      stores.instance('b', () => now),
      { flushMs: 60_000 },
    );
    a.record([{ inferenceMs: 100, cacheHit: true }], now);
    b.record([{ inferenceMs: 300, cacheHit: false, timedOut: true }], now - 3600_000);
    b.record([{ inferenceMs: 5000, timedOut: true }], now - 25 * 3600_000);
    await Promise.all([a.flush(), b.flush()]);
    expect(await a.stats(now)).toMatchObject({
      samples: 2,
      inference_time: 200,
      cache_hit_rate: 0.5,
      timeout_rate: 1,
      parse_accuracy: null,
    });
    expect(await b.stats(now + 48 * 3600_000)).toMatchObject({ samples: 0, cache_hit_rate: null });
    await Promise.all([a.close(), b.close()]);
  });
});
