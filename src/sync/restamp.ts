// When the device clock runs ahead of the server's by more than the server accepts, the push comes back
// `clock_drift`. The clock then follows the server's time (the correction is kept in meta, so reloads and
// other tabs keep it) and every pending change stamped ahead of the server is stamped again, in order,
// so it goes through and still sorts after the changes it followed. The next pull is a full resync, so
// anything the far-ahead stamps hid locally comes back from the server.
import { formatHlc, parseHlc } from '../core/hlc';
import type { Clock } from '../core/hlc';
import type { TaskRecord } from '../core/merge';
import { SYNCED_FIELDS } from '../core/task';
import { META_KEYS } from '../db/database';
import type { TendDb } from '../db/database';
import { saveClock } from '../db/persistent-clock';
import { toTaskRecord } from '../db/task-index';
import type { SyncOutboxEntry } from './outbox';

/** A device clock within this of the server's is taken as right again: the correction is dropped. */
export const CLOCK_AGREES_MS = 60_000;

const millisOf = (hlc: string) => parseHlc(hlc).millis;
const isoOf = (hlc: string) => new Date(millisOf(hlc)).toISOString();

/**
 * Re-stamps the pending changes ahead of `serverMillis` after the clock is rebased onto it. Returns how far
 * the device clock (`deviceNow`, without any correction) ran ahead of the server, in ms.
 */
export async function restampAheadOfServer(
  db: TendDb,
  clock: Clock,
  serverMillis: number,
  deviceNow: number,
): Promise<number> {
  return db.transaction('rw', [db.outbox, db.tasks, db.meta], async () => {
    clock.rebase(
      serverMillis - deviceNow,
      formatHlc({ millis: serverMillis, counter: 0, node: clock.nodeId }),
    );
    const entries: SyncOutboxEntry[] = await db.outbox.orderBy('hlc').toArray();
    const ahead = entries.filter((e) => !e.rejected && millisOf(e.hlc) > serverMillis);
    const records = new Map<string, TaskRecord>();
    for (const entry of ahead) {
      const hlc = clock.tick();
      const stored = await db.tasks.get(entry.taskId);
      const record = records.get(entry.taskId) ?? (stored && toTaskRecord(stored));
      if (record) records.set(entry.taskId, restampRecord(record, entry.hlc, hlc, serverMillis));
      await db.outbox.put({ ...entry, hlc, attempts: 0, lastError: undefined });
    }
    if (records.size > 0) await db.tasks.bulkPut([...records.values()]);
    await saveClock(db, clock);
    await db.meta.delete(META_KEYS.syncCursor);
    return deviceNow - serverMillis;
  });
}

/**
 * The record with the fields last written under `from` moved to `to`. Its times are rebuilt from what is
 * left: updatedAt is the newest field clock; createdAt keeps an earlier time seen before the clock ran
 * ahead (the resync brings back any the server knows of).
 */
function restampRecord(
  stored: TaskRecord,
  from: string,
  to: string,
  serverMillis: number,
): TaskRecord {
  const record: TaskRecord = { ...stored, clock: { ...stored.clock } };
  for (const field of SYNCED_FIELDS) if (record.clock[field] === from) record.clock[field] = to;
  const clocks = Object.values(record.clock).filter((h): h is string => h !== undefined);
  if (clocks.length === 0) return record;
  const sorted = clocks.sort();
  record.updatedAt = isoOf(sorted[sorted.length - 1]);
  const earliest = isoOf(sorted[0]);
  const kept = Date.parse(record.createdAt) <= serverMillis ? record.createdAt : earliest;
  record.createdAt = kept < earliest ? kept : earliest;
  return record;
}

/** Drops the correction once the device clock agrees with the server's again (the user fixed it). */
export async function forgetClockOffsetIfRight(
  db: TendDb,
  clock: Clock,
  serverMillis: number,
  deviceNow: number,
): Promise<void> {
  if (clock.offsetMs() === 0 || Math.abs(deviceNow - serverMillis) > CLOCK_AGREES_MS) return;
  await db.transaction('rw', db.meta, async () => {
    clock.rebase(0);
    await saveClock(db, clock);
  });
}
