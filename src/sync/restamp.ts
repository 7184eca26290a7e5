// When the device clock runs ahead of the server's by more than the server accepts, the push comes back
// `clock_drift`. The clock then follows the server's time (the correction is kept in meta, so reloads and
// other tabs keep it), the pending changes stamped ahead are stamped again (core/sync/restamp.ts), and
// the next pull is a full resync, so anything the far-ahead stamps hid locally comes back from the server.
import type { Clock } from '../core/hlc';
import type { AnyRecord } from '../core/merge';
import { rebaseOnServer, restampAhead, restampRecord } from '../core/sync/restamp';
import { META_KEYS } from '../db/database';
import type { TendDb } from '../db/database';
import { saveClock } from '../db/persistent-clock';
import { recordTable, storedRecord } from '../db/record-tables';
import type { SyncOutboxEntry } from './outbox';

/** A device clock within this of the server's is taken as right again: the correction is dropped. */
const CLOCK_AGREES_MS = 60_000;

/**
 * Rebases the clock onto `serverMillis` and re-stamps the pending changes ahead of it. Returns how far
 * the device clock (`deviceNow`, without any correction) ran ahead of the server, in ms.
 */
export async function restampAheadOfServer(
  db: TendDb,
  clock: Clock,
  serverMillis: number,
  deviceNow: number,
): Promise<number> {
  return db.transaction(
    'rw',
    [db.outbox, db.tasks, db.projects, db.sections, db.labels, db.comments, db.meta],
    async () => {
      rebaseOnServer(clock, serverMillis, deviceNow);
      const pending = ((await db.outbox.toArray()) as SyncOutboxEntry[]).filter((e) => !e.rejected);
      /** Keyed by kind and id: a project and a task never share a slot. */
      const records = new Map<string, { kind: SyncOutboxEntry['kind']; record: AnyRecord }>();
      for (const { entry, hlc } of restampAhead(clock, pending, serverMillis)) {
        const key = `${entry.kind ?? 'task'}:${entry.taskId}`;
        const known = records.get(key)?.record;
        const stored = known ?? (await recordTable(db, entry.kind).get(entry.taskId));
        if (stored) {
          const record = known ?? storedRecord(stored);
          records.set(key, { kind: entry.kind, record: restampRecord(record, entry.hlc, hlc) });
        }
        await db.outbox.put({ ...entry, hlc, attempts: 0, lastError: undefined });
      }
      for (const { kind, record } of records.values())
        await recordTable(db, kind).put(record as never);
      await saveClock(db, clock);
      await db.meta.delete(META_KEYS.syncCursor);
      return deviceNow - serverMillis;
    },
  );
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
