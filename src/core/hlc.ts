// Hybrid logical clock in Actual Budget's string format, so timestamps sort as plain strings:
// `2026-11-26T09:00:00.000Z-0000-0123456789ABCDEF` (ISO time, 4-hex counter, 16-hex node id).
// Time and node id are injected; nothing here reads the wall clock on its own.
import { isRealIsoInstant } from './safe-text';

export const MAX_COUNTER = 0xffff;
/** A remote timestamp further ahead of our wall clock than this is reported as skew, not refused. */
export const DEFAULT_MAX_DRIFT_MS = 5 * 60_000;

interface Hlc {
  millis: number;
  counter: number;
  node: string;
}

interface ClockOptions {
  now: () => number;
  nodeId: string;
  maxDriftMs?: number;
  /** Added to `now()`: the correction a device learned from the server (see `rebase`). */
  offsetMs?: number;
}

export interface Clock {
  readonly nodeId: string;
  /** A new timestamp for a local event, strictly greater than every one seen. */
  tick(): string;
  /** Folds in a remote timestamp, so later local ticks sort after it. */
  receive(remote: string): void;
  /** Largest observed lead of a remote clock over ours, in ms (0 when none): shown in diagnostics. */
  skewMs(): number;
  /** The last timestamp issued or received. */
  last(): string;
  /**
   * Reads the wall clock as `now() + offsetMs` from here on and continues from `from` (default: where it
   * is). A device whose clock ran too far ahead for the server restarts at the server's time this way;
   * it is the one way a clock goes back, so only the sync layer calls it.
   */
  rebase(offsetMs: number, from?: string): void;
  /** The correction in use (0 unless `rebase` set one). */
  offsetMs(): number;
}

const HLC_RE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9A-F]{4})-([0-9A-F]{16})$/;
const NODE_RE = /^[0-9A-F]{16}$/;

/** A well-formed timestamp whose time is a real instant from 1970 to 9999 (no Feb 30, no T24:00). */
export function isHlc(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (value === lastValid) return true;
  if (!HLC_RE.test(value) || !isRealIsoInstant(value.slice(0, 24))) return false;
  remember(value);
  return true;
}

// The last timestamp found valid and its time. A push checks a mutation's HLC, measures its lead over the
// server's clock and merges it, one after the other: each step asks about the same string, and the check
// (regex, Date parse and format) would otherwise run three times per mutation.
let lastValid: string | undefined;
let lastMillis = 0;

function remember(value: string): void {
  lastValid = value;
  lastMillis = Date.parse(value.slice(0, 24));
}

/** The time (ms since the epoch) of a timestamp; throws on a malformed one like `parseHlc`. */
export function hlcMillis(value: string): number {
  if (value !== lastValid && !isHlc(value)) throw new RangeError(`Not an HLC timestamp: ${value}`);
  return lastMillis;
}

/**
 * The ISO instant of a timestamp: its first 24 characters, which `isHlc` has proved to be exactly what
 * `toISOString` writes for that time.
 */
export function hlcIso(value: string): string {
  hlcMillis(value);
  return value.slice(0, 24);
}

export function parseHlc(value: string): Hlc {
  const m = HLC_RE.exec(value);
  if (!m || !isRealIsoInstant(m[1])) throw new RangeError(`Not an HLC timestamp: ${value}`);
  const millis = Date.parse(m[1]);
  return { millis, counter: parseInt(m[2], 16), node: m[3] };
}

export function formatHlc({ millis, counter, node }: Hlc): string {
  return `${new Date(millis).toISOString()}-${counter.toString(16).toUpperCase().padStart(4, '0')}-${node}`;
}

/** 16 uppercase hex digits from any random source; crypto by default. */
export function createNodeId(random: () => number = secureRandom): string {
  let out = '';
  for (let i = 0; i < 16; i++) out += Math.floor(random() * 16).toString(16);
  return out.toUpperCase();
}

function secureRandom(): number {
  const buf = new Uint32Array(1);
  globalThis.crypto.getRandomValues(buf);
  return buf[0] / 2 ** 32;
}

export function createClock({
  now,
  nodeId,
  maxDriftMs = DEFAULT_MAX_DRIFT_MS,
  offsetMs = 0,
}: ClockOptions): Clock {
  if (!NODE_RE.test(nodeId))
    throw new RangeError(`Node id must be 16 uppercase hex digits: ${nodeId}`);
  let state: Hlc = { millis: 0, counter: 0, node: nodeId };
  let skew = 0;
  let offset = offsetMs;
  const wallNow = () => now() + offset;

  function advance(millis: number, counter: number): void {
    if (counter > MAX_COUNTER) {
      // Counter overflow: borrow a millisecond rather than fail; ordering stays strict.
      millis += 1;
      counter = 0;
    }
    state = { millis, counter, node: nodeId };
  }

  return {
    nodeId,
    tick() {
      const wall = wallNow();
      if (wall > state.millis) advance(wall, 0);
      else advance(state.millis, state.counter + 1);
      return formatHlc(state);
    },
    receive(remote) {
      const r = parseHlc(remote);
      const wall = wallNow();
      const lead = r.millis - wall;
      // A device whose clock runs hours ahead must still converge: we follow its time and
      // record the skew for diagnostics instead of refusing the change.
      if (lead > maxDriftMs) skew = Math.max(skew, lead);
      const millis = Math.max(wall, state.millis, r.millis);
      let counter = 0;
      if (millis === state.millis && millis === r.millis)
        counter = Math.max(state.counter, r.counter) + 1;
      else if (millis === state.millis) counter = state.counter + 1;
      else if (millis === r.millis) counter = r.counter + 1;
      advance(millis, counter);
    },
    skewMs: () => skew,
    last: () => formatHlc(state),
    rebase(nextOffset, from) {
      offset = nextOffset;
      if (from !== undefined) {
        const r = parseHlc(from);
        state = { millis: r.millis, counter: r.counter, node: nodeId };
      }
    },
    offsetMs: () => offset,
  };
}

/**
 * A timestamp for a local edit, which is made on what the user sees and so must win over every value
 * of the record: past each of the record's field timestamps (some may come from a device running
 * ahead), then one tick.
 */
export function tickAfter(clock: Clock, fieldStamps: Iterable<string | undefined>): string {
  for (const hlc of fieldStamps) if (hlc !== undefined && hlc > clock.last()) clock.receive(hlc);
  return clock.tick();
}
