// Pushes the outbox to the server: batches of at most 500, acknowledged entries removed, permanently
// rejected ones kept with the server's reason. A transient failure stops the run with the entries queued;
// the caller decides when to run again (retry.ts). Runs in the page and in the service worker (Background
// Sync), so it touches no DOM API.
import type { Clock } from '../core/hlc';
import { CLIENT_PUSH_BATCH, CLOCK_DRIFT, pushResponseSchema } from '../core/sync/protocol';
import type { TendDb } from '../db/database';
import { createPersistentClock } from '../db/persistent-clock';
import { requestJson, SyncHttpError } from './http';
import type { SyncTransport } from './http';
import { nextPending, toWire } from './outbox';
import { forgetClockOffsetIfRight, restampAheadOfServer } from './restamp';
import type { SyncOutboxEntry } from './outbox';

export interface ReplayOptions extends SyncTransport {
  db: TendDb;
  clientId: string;
  batchSize?: number;
  /** The device clock; the service worker has none and opens the stored one when it must re-stamp. */
  clock?: Clock;
}

export interface ReplayResult {
  applied: number;
  rejected: number;
  /** Set when the server found the device clock this far (ms) ahead and the changes were re-stamped. */
  clockAheadMs?: number;
}

/**
 * Replays every pending outbox entry. Resolves when all were acknowledged or rejected; throws the
 * SyncHttpError that stopped it otherwise (network, server error, 401), leaving the rest queued.
 */
export async function replayOutbox(options: ReplayOptions): Promise<ReplayResult> {
  const { db, clientId } = options;
  const now = options.now ?? Date.now;
  let batchSize = Math.min(options.batchSize ?? CLIENT_PUSH_BATCH, CLIENT_PUSH_BATCH);
  const result: ReplayResult = { applied: 0, rejected: 0 };
  // Entries the server answered neither way: not resent in this run, so a confused server cannot loop us.
  const unanswered = new Set<string>();

  for (;;) {
    const batch = await nextPending(db, batchSize, unanswered);
    if (batch.length === 0) return result;
    let response;
    try {
      const json = await requestJson(options, 'POST', '/api/sync/push', {
        clientId,
        mutations: batch.map(toWire),
      });
      const parsed = pushResponseSchema.safeParse(json);
      if (!parsed.success)
        throw new SyncHttpError(
          'transient',
          'server_error',
          'The server sent an unexpected push reply',
          200,
        );
      response = parsed.data;
    } catch (error) {
      if (
        error instanceof SyncHttpError &&
        (error.kind === 'too_large' || error.kind === 'permanent')
      ) {
        if (batch.length > 1) {
          // Halve until the offending entry is alone; the others still go through.
          batchSize = Math.max(1, Math.floor(batch.length / 2));
          continue;
        }
        await markRejected(db, batch[0], error.code, error.message, now());
        result.rejected += 1;
        continue;
      }
      await noteFailure(db, batch, error);
      throw error;
    }
    const inBatch = new Set(batch.map((e) => e.id));
    const applied = response.applied.filter((id) => inBatch.has(id));
    const serverMillis = response.serverTime ? Date.parse(response.serverTime) : undefined;
    // Re-stamped once per run: a server that keeps refusing gets the entries marked rejected instead.
    const restamp =
      serverMillis !== undefined &&
      result.clockAheadMs === undefined &&
      response.rejected.some((r) => r.code === CLOCK_DRIFT && inBatch.has(r.id));
    const rejected = response.rejected.filter(
      (r) => inBatch.has(r.id) && !(restamp && r.code === CLOCK_DRIFT),
    );
    await db.transaction('rw', db.outbox, async () => {
      await db.outbox.bulkDelete(applied);
      for (const r of rejected) {
        const entry = batch.find((e) => e.id === r.id) as SyncOutboxEntry;
        await db.outbox.put(rejectedEntry(entry, r.code, r.message, now()));
      }
    });
    if (restamp) {
      const clock = options.clock ?? (await createPersistentClock(db, { now }));
      result.clockAheadMs = await restampAheadOfServer(db, clock, serverMillis, now());
    } else if (serverMillis !== undefined && options.clock) {
      await forgetClockOffsetIfRight(db, options.clock, serverMillis, now());
    }
    const answered = new Set([
      ...applied,
      ...rejected.map((r) => r.id),
      ...(restamp ? response.rejected.map((r) => r.id) : []),
    ]);
    for (const e of batch) if (!answered.has(e.id)) unanswered.add(e.id);
    result.applied += applied.length;
    result.rejected += rejected.length;
    batchSize = Math.min(CLIENT_PUSH_BATCH, batchSize * 2);
  }
}

function rejectedEntry(
  entry: SyncOutboxEntry,
  code: string,
  message: string,
  at: number,
): SyncOutboxEntry {
  return {
    ...entry,
    attempts: entry.attempts + 1,
    lastError: message,
    rejected: { code, message, at: new Date(at).toISOString() },
  };
}

async function markRejected(
  db: TendDb,
  entry: SyncOutboxEntry,
  code: string,
  message: string,
  at: number,
) {
  await db.outbox.put(rejectedEntry(entry, code, message, at));
}

/** Counts the failed attempt on the entries (diagnostics), keeping them queued. */
async function noteFailure(db: TendDb, batch: SyncOutboxEntry[], error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await db.transaction('rw', db.outbox, async () => {
    for (const entry of batch) {
      // The entry may have been acknowledged meanwhile by another replay (SW vs page): only touch it if present.
      const current = await db.outbox.get(entry.id);
      if (current)
        await db.outbox.put({ ...current, attempts: current.attempts + 1, lastError: message });
    }
  });
}
