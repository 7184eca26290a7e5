// Whose tasks this device holds, and what signing in does with them. Tasks made before any sign-in go to
// the first account signed in. Tasks kept after signing out belong to that account: signing in to another
// account never uploads them without the user's explicit "Add these N tasks to this account?", and until
// then nothing syncs (the page's engine and the service worker both check `ownsLocalData`).
// Uploading queues every field again under its original timestamp, so LWW on the server stays correct.
import Dexie from 'dexie';
import { RECORD_KINDS, recordToMutations } from '../core/merge';
import type { OutboxEntry, TendDb } from '../db/database';
import { getMeta, META_KEYS, setMeta } from '../db/database';
import { recordTable, storedRecord } from '../db/record-tables';
import { clearLocalData } from '../db/wipe';

const SYNC_USER_KEY = META_KEYS.syncUserId;

/** What signing in as a user does with the tasks on this device. */
type LocalDataClaim =
  | { kind: 'owned' }
  | { kind: 'queued'; mutations: number }
  /** Another account's tasks are here: ask before adding them. */
  | { kind: 'ask'; tasks: number };

/** True when the tasks on this device are `userId`'s (or there are none of anyone's yet). */
export async function ownsLocalData(db: TendDb, userId: string): Promise<boolean> {
  return (await getMeta<string>(db, SYNC_USER_KEY)) === userId;
}

/** Tasks shown anywhere (open or completed), the ones a person would call "my tasks". */
function countVisibleTasks(db: TendDb): Promise<number> {
  return db.tasks
    .where('[status+projectKey]')
    .between(['done', Dexie.minKey], ['open', Dexie.maxKey], true, true)
    .count();
}

/**
 * At sign-in: this account's data, data made before any sign-in (uploaded now), or another account's
 * kept copy (the caller asks; nothing is uploaded or synced until `queueLocalTasksForUser`).
 */
export async function claimLocalData(
  db: TendDb,
  userId: string,
  options: { newId?: () => string; now?: () => number } = {},
): Promise<LocalDataClaim> {
  const owner = await getMeta<string>(db, SYNC_USER_KEY);
  if (owner === userId) return { kind: 'owned' };
  if (owner !== undefined) {
    const tasks = await countVisibleTasks(db);
    if (tasks > 0 || (await db.outbox.count()) > 0) return { kind: 'ask', tasks };
  }
  return { kind: 'queued', mutations: await queueLocalTasksForUser(db, userId, options) };
}

/** Removes every task, project, label, unsent change and sync mark from this device (sign-out without a copy). */
export async function removeLocalData(db: TendDb): Promise<void> {
  await clearLocalData(db, [SYNC_USER_KEY, META_KEYS.syncCursor, META_KEYS.lastSyncedAt]);
}

/**
 * Makes this device's tasks `userId`'s and queues them for upload (first sign-in, or the user chose
 * "Add these N tasks to this account"). Returns how many mutations were queued (0 when this account
 * already owns the local data).
 */
export async function queueLocalTasksForUser(
  db: TendDb,
  userId: string,
  {
    newId = () => crypto.randomUUID(),
    now = Date.now,
  }: { newId?: () => string; now?: () => number } = {},
): Promise<number> {
  return db.transaction(
    'rw',
    [db.tasks, db.projects, db.sections, db.labels, db.comments, db.outbox, db.meta],
    async () => {
      if ((await getMeta<string>(db, SYNC_USER_KEY)) === userId) return 0;
      const pending = new Set(
        (await db.outbox.toArray()).flatMap((e) =>
          Object.keys(e.changes).map((f) => `${e.taskId}|${f}|${e.hlc}`),
        ),
      );
      const createdAt = new Date(now()).toISOString();
      const entries: OutboxEntry[] = [];
      for (const kind of RECORD_KINDS) {
        await recordTable(db, kind).each((stored) => {
          const record = storedRecord(stored);
          const queued = (field: string, hlc: string) =>
            pending.has(`${record.id}|${field}|${hlc}`);
          for (const m of recordToMutations(record, newId, queued, kind))
            entries.push({ ...m, createdAt, attempts: 0 });
        });
      }
      if (entries.length) await db.outbox.bulkAdd(entries);
      await db.meta.delete(META_KEYS.syncCursor);
      await setMeta(db, SYNC_USER_KEY, userId);
      return entries.length;
    },
  );
}
