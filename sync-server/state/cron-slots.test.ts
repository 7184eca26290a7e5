import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStateStores, type StateStores } from '../test/state-backends';
import { createCronSlots } from './cron-slots';

describe('cron slots', () => {
  let stores: StateStores;
  beforeAll(async () => {
    stores = await openStateStores('postgres', 'cron');
  });
  afterAll(() => stores.close());

  const slot = new Date('2026-12-02T02:00:00Z');

  it('lets one of several instances claim a slot', async () => {
    const instances = ['a', 'b', 'c'].map((n) => createCronSlots(stores.instance(n)));
    const won = await Promise.all(instances.map((s) => s.claim('daily-cleanup', slot)));
    expect(won.filter(Boolean)).toHaveLength(1);
    const winner = instances[won.indexOf(true)];
    await winner.finish('daily-cleanup', slot, true, { vacuumed: 3 });
    expect(await Promise.all(instances.map((s) => s.claim('daily-cleanup', slot)))).toEqual([
      false,
      false,
      false,
    ]);
    expect(await winner.retryable(new Date(slot.getTime() - 1))).toEqual([]);
  });

  it('retries a failed slot, and an abandoned one once its lease expires, up to the limit', async () => {
    const a = createCronSlots(stores.instance('a'), { maxAttempts: 3 });
    const b = createCronSlots(stores.instance('b'), { leaseMs: 1, maxAttempts: 3 });
    expect(await a.claim('backup', slot)).toBe(true);
    // A live lease (a's is a minute) keeps everyone else out.
    expect(await b.claim('backup', slot)).toBe(false);
    await a.finish('backup', slot, false, { error: 'bucket unreachable' });
    expect(await b.retryable(slot)).toEqual([{ job: 'backup', slot }]);
    // Second attempt: b wins it, then "dies" (never finishes) and its 1 ms lease runs out.
    expect(await b.claim('backup', slot)).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    expect(await a.claim('backup', slot)).toBe(true);
    await a.finish('backup', slot, false, null);
    // Three attempts used: the slot stays failed.
    expect(await b.claim('backup', slot)).toBe(false);
    expect(await b.retryable(slot)).toEqual([]);
  });
});
