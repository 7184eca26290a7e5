// Signing in uploads the tasks made while signed out. Unsent changes are in the outbox already; this also
// covers records whose writes were acknowledged under another account (or before the outbox existed), by
// queueing their fields again under their original timestamps, so LWW on the server stays correct.
import { recordToMutations } from '../core/merge';
import type { OutboxEntry, TendDb } from '../db/database';
import { getMeta, META_KEYS, setMeta } from '../db/database';
import { toTaskRecord } from '../db/task-index';

const SYNC_USER_KEY = META_KEYS.syncUserId;

/** Returns how many mutations were queued (0 when this account already owns the local data). */
export async function queueLocalTasksForUser(
  db: TendDb,
  userId: string,
  {
    newId = () => crypto.randomUUID(),
    now = Date.now,
  }: { newId?: () => string; now?: () => number } = {},
): Promise<number> {
  return db.transaction('rw', [db.tasks, db.outbox, db.meta], async () => {
    if ((await getMeta<string>(db, SYNC_USER_KEY)) === userId) return 0;
    const pending = new Set(
      (await db.outbox.toArray()).flatMap((e) =>
        Object.keys(e.changes).map((f) => `${e.taskId}|${f}|${e.hlc}`),
      ),
    );
    const createdAt = new Date(now()).toISOString();
    const entries: OutboxEntry[] = [];
    await db.tasks.each((stored) => {
      const record = toTaskRecord(stored);
      const queued = (field: string, hlc: string) => pending.has(`${record.id}|${field}|${hlc}`);
      for (const m of recordToMutations(record, newId, queued))
        entries.push({ ...m, createdAt, attempts: 0 });
    });
    if (entries.length) await db.outbox.bulkAdd(entries);
    await db.meta.delete(META_KEYS.syncCursor);
    await setMeta(db, SYNC_USER_KEY, userId);
    return entries.length;
  });
}
