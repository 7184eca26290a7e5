// The outbox as sync sees it: pending entries in timestamp order, permanently rejected ones kept (with
// the server's reason) until the user retries or discards them. Nothing here drops an unacknowledged change.
import type { Clock } from '../core/hlc';
import type { AnyMutation, AnyRecord } from '../core/merge';
import { restampRecord } from '../core/sync/restamp';
import { META_KEYS } from '../db/database';
import type { OutboxEntry, TendDb } from '../db/database';
import { catchUpClock, createPersistentClock, saveClock } from '../db/persistent-clock';
import { recordTable, storedRecord } from '../db/record-tables';
import type { StoredTask } from '../db/task-index';

interface Rejection {
  code: string;
  message: string;
  /** ISO time the server refused it. */
  at: string;
}

/** An outbox entry, possibly refused by the server for good (then it is not sent again until retried). */
export type SyncOutboxEntry = OutboxEntry & { rejected?: Rejection };

/** The next entries to send, oldest timestamp first, skipping rejected ones and those in `skip`. */
export async function nextPending(
  db: TendDb,
  limit: number,
  skip: Set<string>,
): Promise<SyncOutboxEntry[]> {
  const out: SyncOutboxEntry[] = [];
  await db.outbox
    .orderBy('hlc')
    .until(() => out.length >= limit)
    .each((entry: SyncOutboxEntry) => {
      if (!entry.rejected && !skip.has(entry.id)) out.push(entry);
    });
  return out;
}

export async function countPending(db: TendDb): Promise<number> {
  const [all, rejected] = await Promise.all([
    db.outbox.count(),
    db.outbox.orderBy('rejected.at').count(),
  ]);
  return all - rejected;
}

export async function listRejected(db: TendDb): Promise<SyncOutboxEntry[]> {
  const rejected: SyncOutboxEntry[] = await db.outbox.orderBy('rejected.at').toArray();
  return rejected.sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
}

/** What goes on the wire: the mutation without the outbox's bookkeeping (a task's without a kind). */
export function toWire(entry: SyncOutboxEntry): AnyMutation {
  const { id, taskId, hlc, changes } = entry;
  // Every kind but a task names itself; a task goes without `kind`, as older servers expect.
  return (
    entry.kind && entry.kind !== 'task'
      ? { id, taskId, hlc, changes, kind: entry.kind }
      : { id, taskId, hlc, changes }
  ) as AnyMutation;
}

/**
 * Takes a rejected entry out of the outbox and hands it, with the table and stored copy of its record,
 * to `settle`, all in one transaction; an id that is gone or not rejected is left alone.
 */
async function settleRejected(
  db: TendDb,
  id: string,
  settle: (
    entry: SyncOutboxEntry,
    table: ReturnType<typeof recordTable>,
    stored: AnyRecord | StoredTask | undefined,
  ) => Promise<void>,
): Promise<void> {
  await db.transaction(
    'rw',
    [db.outbox, db.tasks, db.projects, db.sections, db.labels, db.comments, db.meta],
    async () => {
      const entry = (await db.outbox.get(id)) as SyncOutboxEntry | undefined;
      if (!entry?.rejected) return;
      await db.outbox.delete(id);
      const table = recordTable(db, entry.kind);
      await settle(entry, table, await table.get(entry.taskId));
    },
  );
}

/**
 * Sends a rejected change again (the user fixed the cause, or the server was wrong). The server answers
 * a mutation id it has seen with its first outcome, so the change goes as a new mutation: a new id and a
 * new timestamp, the record's fields moved to it. Fields edited since stay with their later change.
 */
export async function retryRejected(
  db: TendDb,
  id: string,
  { clock, newId = () => crypto.randomUUID() }: { clock?: Clock; newId?: () => string } = {},
): Promise<void> {
  await settleRejected(db, id, async (entry, table, stored) => {
    const record = stored && storedRecord(stored);
    const clocks = (record?.clock ?? {}) as Record<string, string | undefined>;
    const changes = entry.changes as Record<string, unknown>;
    const owned = Object.keys(changes).filter((field) => !record || clocks[field] === entry.hlc);
    if (owned.length === 0) return;
    const stamper = clock ?? (await createPersistentClock(db));
    if (clock) await catchUpClock(db, clock);
    const hlc = stamper.tick();
    const { rejected: _rejected, ...rest } = entry;
    await db.outbox.put({
      ...rest,
      id: newId(),
      hlc,
      changes: Object.fromEntries(owned.map((field) => [field, changes[field]])),
      attempts: 0,
      lastError: undefined,
    } as OutboxEntry);
    if (record) await table.put(restampRecord(record, entry.hlc, hlc) as never);
    await saveClock(db, stamper);
  });
}

/**
 * Gives up a rejected change: the entry goes, the fields it wrote are cleared locally and the next pull
 * is a full resync, so the server's value comes back instead of a value only this device has.
 */
export async function discardRejected(db: TendDb, id: string): Promise<void> {
  await settleRejected(db, id, async (entry, table, stored) => {
    if (stored) {
      const record = storedRecord(stored);
      const clock = { ...record.clock } as Record<string, string | undefined>;
      const values = { ...record, clock } as Record<string, unknown>;
      for (const field of Object.keys(entry.changes)) {
        if (clock[field] !== entry.hlc) continue;
        delete clock[field];
        delete values[field];
      }
      await table.put(values as never);
    }
    await db.meta.delete(META_KEYS.syncCursor);
  });
}
