// Algebraic laws of the shared merge: whatever order, grouping or repetition of deliveries, the same state.
// Timestamps come from a tiny pool so equal millis, counters and even equal HLCs (two tabs of one device
// sharing a node id) happen often. Replay a failure with FUZZ_SEED=<seed>.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHlc } from '../hlc';
import { applyMutation, mergeRecords } from '../merge';
import type { Mutation, TaskRecord } from '../merge';
import type { TaskChanges } from '../task';

const ID = '0193b5a0-0000-7000-8000-000000000001';
const T0 = Date.parse('2026-11-26T09:00:00.000Z');
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
const runs = { seed, numRuns: 300 };

const hlcArb = fc
  .record({
    ms: fc.integer({ min: 0, max: 3 }),
    counter: fc.integer({ min: 0, max: 1 }),
    node: fc.constantFrom('AAAAAAAAAAAAAAAA', 'BBBBBBBBBBBBBBBB'),
  })
  .map(({ ms, counter, node }) => formatHlc({ millis: T0 + ms, counter, node }));

const changesArb: fc.Arbitrary<TaskChanges> = fc.record(
  {
    title: fc.constantFrom('a', 'b', 'c'),
    priority: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const),
    labels: fc.array(fc.constantFrom('x', 'y'), { maxLength: 2 }),
    deletedAt: fc.constantFrom(null, '2026-11-26T09:00:00.000Z'),
    notes: fc.constantFrom('', 'n'),
  },
  { requiredKeys: [] },
);

let nextId = 0;
const mutationArb: fc.Arbitrary<Mutation> = fc
  .record({ hlc: hlcArb, changes: changesArb })
  .map(({ hlc, changes }) => ({ id: `m${nextId++}`, taskId: ID, hlc, changes }));

function applyAll(ms: Mutation[], start?: TaskRecord): TaskRecord | undefined {
  let r = start;
  for (const m of ms) r = applyMutation(r, m).record;
  return r;
}

/** A replica that has seen some writes (at least one, so it exists). */
const recordArb = fc
  .array(mutationArb, { minLength: 1, maxLength: 4 })
  .map((ms) => applyAll(ms) as TaskRecord);

describe(`merge laws (FUZZ_SEED=${seed})`, () => {
  it('applyMutation is commutative', () => {
    fc.assert(
      fc.property(fc.option(recordArb, { nil: undefined }), mutationArb, mutationArb, (r, a, b) => {
        expect(applyAll([a, b], r)).toEqual(applyAll([b, a], r));
      }),
      runs,
    );
  });

  it('applyMutation is idempotent', () => {
    fc.assert(
      fc.property(fc.option(recordArb, { nil: undefined }), mutationArb, (r, a) => {
        const once = applyMutation(r, a);
        const twice = applyMutation(once.record, a);
        expect(twice.record).toEqual(once.record);
        expect(twice.applied).toEqual([]);
      }),
      runs,
    );
  });

  it('any permutation of a history gives the same record', () => {
    fc.assert(
      fc.property(
        fc
          .array(mutationArb, { minLength: 1, maxLength: 6 })
          .chain((ms) =>
            fc.tuple(fc.constant(ms), fc.shuffledSubarray(ms, { minLength: ms.length })),
          ),
        ([ms, shuffled]) => {
          expect(applyAll(shuffled)).toEqual(applyAll(ms));
        },
      ),
      runs,
    );
  });

  it('mergeRecords is commutative, associative and idempotent, and equals replaying the writes', () => {
    fc.assert(
      fc.property(
        fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
        fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
        fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
        (ha, hb, hc) => {
          const [a, b, c] = [applyAll(ha)!, applyAll(hb)!, applyAll(hc)!];
          const m = (x: TaskRecord, y: TaskRecord) => mergeRecords(x, y).record;
          expect(m(a, b)).toEqual(m(b, a));
          expect(m(m(a, b), c)).toEqual(m(a, m(b, c)));
          expect(m(a, a)).toEqual(a);
          expect(m(m(a, b), c)).toEqual(applyAll([...ha, ...hb, ...hc]));
        },
      ),
      runs,
    );
  });
});
