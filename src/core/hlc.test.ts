import { describe, expect, it } from 'vitest';
import {
  createClock,
  createNodeId,
  formatHlc,
  hlcIso,
  hlcMillis,
  isHlc,
  parseHlc,
  MAX_COUNTER,
  tickAfter,
} from './hlc';

/** The merge compares timestamps as plain strings (`a > b`); the format makes that the clock's order. */
function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const NODE_A = '0123456789ABCDEF';
const NODE_B = 'FEDCBA9876543210';

describe('hlc', () => {
  it('formats in Actual Budget style and parses back', () => {
    const s = formatHlc({
      millis: Date.parse('2026-11-26T09:00:00.000Z'),
      counter: 10,
      node: NODE_A,
    });
    expect(s).toBe('2026-11-26T09:00:00.000Z-000A-0123456789ABCDEF');
    expect(isHlc(s)).toBe(true);
    expect(parseHlc(s)).toEqual({
      millis: Date.parse('2026-11-26T09:00:00.000Z'),
      counter: 10,
      node: NODE_A,
    });
    expect(isHlc('2026-11-26T09:00:00.000Z-000a-0123456789ABCDEF')).toBe(false);
    expect(() => parseHlc('nope')).toThrow(RangeError);
  });

  it('ticks strictly increase even when the wall clock stands still or goes back', () => {
    let t = 1_000_000;
    const clock = createClock({ now: () => t, nodeId: NODE_A });
    const a = clock.tick();
    const b = clock.tick();
    t -= 500;
    const c = clock.tick();
    expect(compareHlc(a, b)).toBe(-1);
    expect(compareHlc(b, c)).toBe(-1);
    expect(clock.last()).toBe(c);
  });

  it('borrows a millisecond when the counter overflows', () => {
    const clock = createClock({ now: () => 5_000, nodeId: NODE_A });
    let last = clock.tick();
    for (let i = 0; i < MAX_COUNTER + 2; i++) {
      const next = clock.tick();
      expect(next > last).toBe(true);
      last = next;
    }
    expect(parseHlc(last).millis).toBe(5_001);
  });

  it('receive moves local time past a remote timestamp and reports skew instead of failing', () => {
    const t = Date.parse('2026-11-26T09:00:00.000Z');
    const clock = createClock({ now: () => t, nodeId: NODE_A });
    const remoteAhead = formatHlc({ millis: t + 3 * 3600_000, counter: 7, node: NODE_B });
    clock.receive(remoteAhead);
    const next = clock.tick();
    expect(next > remoteAhead).toBe(true);
    expect(clock.skewMs()).toBe(3 * 3600_000);
  });

  it('receive of an older timestamp keeps local order and reports no skew', () => {
    const t = 10_000;
    const clock = createClock({ now: () => t, nodeId: NODE_A });
    const mine = clock.tick();
    clock.receive(formatHlc({ millis: t, counter: 3, node: NODE_B }));
    const next = clock.tick();
    expect(next > mine).toBe(true);
    expect(parseHlc(next).counter).toBe(5);
    clock.receive(formatHlc({ millis: 1, counter: 0, node: NODE_B }));
    expect(clock.tick() > next).toBe(true);
    expect(clock.skewMs()).toBe(0);
  });

  it('node ids are 16 uppercase hex digits and are validated', () => {
    expect(createNodeId()).toMatch(/^[0-9A-F]{16}$/);
    expect(createNodeId(() => 0.999)).toBe('FFFFFFFFFFFFFFFF');
    expect(() => createClock({ now: () => 0, nodeId: 'abc' })).toThrow(RangeError);
  });

  it('ties on time and counter are broken by node id', () => {
    const a = formatHlc({ millis: 1, counter: 0, node: NODE_A });
    const b = formatHlc({ millis: 1, counter: 0, node: NODE_B });
    expect(compareHlc(a, b)).toBe(-1);
    expect(compareHlc(b, a)).toBe(1);
    expect(compareHlc(a, a)).toBe(0);
  });

  it('tickAfter goes past every field stamp of a record, even one from a clock running ahead', () => {
    const clock = createClock({ now: () => 1_000, nodeId: NODE_A });
    const ahead = formatHlc({ millis: 9_000, counter: 3, node: NODE_B });
    const behind = formatHlc({ millis: 500, counter: 0, node: NODE_B });
    const stamp = tickAfter(clock, [behind, undefined, ahead]);
    expect(compareHlc(stamp, ahead)).toBe(1);
    expect(tickAfter(clock, [])).not.toBe(stamp);
  });

  it('rebases onto the server time: offset wall clock, restart point, and back to monotonic', () => {
    const wall = Date.parse('2027-06-01T00:00:00.000Z'); // the device clock, months ahead
    const server = Date.parse('2026-11-26T09:00:00.000Z');
    const clock = createClock({ now: () => wall, nodeId: NODE_A });
    const ahead = clock.tick();
    clock.rebase(server - wall, formatHlc({ millis: server, counter: 0, node: NODE_A }));
    expect(clock.offsetMs()).toBe(server - wall);
    const fresh = clock.tick();
    expect(fresh < ahead).toBe(true);
    expect(parseHlc(fresh)).toMatchObject({ millis: server, counter: 1 });
    // The correction survives a restart through the option, and dropping it never goes back.
    const restarted = createClock({ now: () => wall, nodeId: NODE_A, offsetMs: server - wall });
    expect(parseHlc(restarted.tick()).millis).toBe(server);
    restarted.rebase(0);
    expect(restarted.tick() > fresh).toBe(true);
  });
});

describe('hlcMillis and hlcIso', () => {
  const a = '2026-11-26T09:00:00.000Z-0001-0123456789ABCDEF';
  const b = '1999-12-31T23:59:59.999Z-FFFF-FEDCBA9876543210';

  it('give the time of each timestamp, asked in any order', () => {
    for (const hlc of [a, b, a, a, b]) {
      expect(hlcMillis(hlc)).toBe(parseHlc(hlc).millis);
      expect(hlcIso(hlc)).toBe(new Date(parseHlc(hlc).millis).toISOString());
    }
  });

  it('refuse a malformed timestamp, also right after a valid one', () => {
    for (const bad of ['', 'nope', '2026-02-30T09:00:00.000Z-0001-0123456789ABCDEF', a + ' ']) {
      expect(isHlc(a)).toBe(true);
      expect(isHlc(bad)).toBe(false);
      expect(() => hlcMillis(bad)).toThrow(RangeError);
      expect(() => hlcIso(bad)).toThrow(RangeError);
    }
  });
});
