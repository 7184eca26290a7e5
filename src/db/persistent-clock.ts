// The device's hybrid logical clock, kept monotonic across reloads: the node id and the last timestamp
// live in `meta`. Writers save `clock.last()` in the same transaction as the change (see `saveClock`).
import { createClock, createNodeId, isHlc } from '../core/hlc';
import type { Clock } from '../core/hlc';
import { META_KEYS } from './database';
import type { TendDb } from './database';

export interface PersistentClockOptions {
  now?: () => number;
  /** Only used the first time, to create the node id. */
  random?: () => number;
}

export async function createPersistentClock(
  db: TendDb,
  { now = Date.now, random }: PersistentClockOptions = {},
): Promise<Clock> {
  return db.transaction('rw', db.meta, async () => {
    let nodeId = (await db.meta.get(META_KEYS.nodeId))?.value;
    if (typeof nodeId !== 'string') {
      nodeId = createNodeId(random);
      await db.meta.put({ key: META_KEYS.nodeId, value: nodeId });
    }
    const offset = (await db.meta.get(META_KEYS.clockOffset))?.value;
    const clock = createClock({
      now,
      nodeId: nodeId as string,
      offsetMs: typeof offset === 'number' ? offset : 0,
    });
    const last = (await db.meta.get(META_KEYS.lastHlc))?.value;
    // Our own last timestamp is folded in like a remote one, so a wall clock set back after a reload
    // still yields strictly greater timestamps.
    if (isHlc(last)) clock.receive(last);
    return clock;
  });
}

/** Records the clock's last timestamp and correction; call inside the transaction that used it (needs `db.meta`). */
export async function saveClock(db: TendDb, clock: Clock): Promise<void> {
  await db.meta.bulkPut([
    { key: META_KEYS.lastHlc, value: clock.last() },
    { key: META_KEYS.clockOffset, value: clock.offsetMs() },
  ]);
}

/**
 * Folds in the last timestamp any tab saved: tabs share the node id but each runs its own clock. When
 * another tab corrected the clock to the server's time, this one follows (the one step back a clock takes).
 * Call at the start of a write transaction (needs `db.meta`).
 */
export async function catchUpClock(db: TendDb, clock: Clock): Promise<void> {
  const [last, offset] = await db.meta.bulkGet([META_KEYS.lastHlc, META_KEYS.clockOffset]);
  if (
    typeof offset?.value === 'number' &&
    offset.value !== clock.offsetMs() &&
    isHlc(last?.value)
  ) {
    clock.rebase(offset.value, last.value);
    return;
  }
  if (isHlc(last?.value) && last.value > clock.last()) clock.receive(last.value);
}
