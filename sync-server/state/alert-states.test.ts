import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStateStores, type StateKind, type StateStores } from '../test/state-backends';
import { createAlertStates } from './alert-states';

describe.each<StateKind>(['postgres', 'redis'])('alert states on %s', (kind) => {
  let stores: StateStores;
  beforeAll(async () => {
    stores = await openStateStores(kind, 'alerts');
  });
  afterAll(() => stores.close());

  it('fires once and resolves once however many instances evaluate together', async () => {
    const instances = ['a', 'b', 'c'].map((n) => createAlertStates(stores.instance(n)));
    const t0 = Date.parse('2026-12-02T10:00:00Z');
    const round = (firing: boolean, at: number) =>
      Promise.all(instances.map((s) => s.transition('high_error_rate', firing, at, 60_000)));

    expect((await round(true, t0)).filter(Boolean)).toEqual(['firing']);
    expect((await round(true, t0 + 1000)).filter(Boolean)).toEqual([]);
    // Still firing after the cooldown: one reminder, from one instance.
    expect((await round(true, t0 + 61_000)).filter(Boolean)).toEqual(['firing']);
    expect((await round(false, t0 + 62_000)).filter(Boolean)).toEqual(['resolved']);
    expect((await round(false, t0 + 63_000)).filter(Boolean)).toEqual([]);

    const [state] = await instances[1].list();
    expect(state).toMatchObject({ id: 'high_error_rate', firing: false, firingSince: null });
    expect(state.lastNotifiedAt).toBe(new Date(t0 + 62_000).toISOString());

    await round(true, t0 + 70_000);
    const [again] = await instances[2].list();
    expect(again.firingSince).toBe(new Date(t0 + 70_000).toISOString());
  });
});
