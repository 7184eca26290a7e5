// Pulls remote changes page by page. Each page is applied in ONE Dexie transaction through the shared
// merge, together with its conflict journal entries, the clock and the cursor, so a page is all or nothing.
// A 410 (cursor older than the server's log) restarts from the beginning; the outbox is never touched and
// pending local writes are re-applied on top, so unsent changes survive a full resync, and tasks the
// server archived meanwhile stay on the device as a read-only archive.
import type { CommentRecord } from '../core/comment';
import { applyMutation, mergeRecords } from '../core/merge';
import type { AnyRecord, RecordKind, TaskRecord } from '../core/merge';
import type { Clock } from '../core/hlc';
import type { ProjectRecord } from '../core/project';
import type { SectionRecord } from '../core/section';
import type { LabelRecord } from '../core/label';
import { editsLostToDeletion, ownOverwrites } from '../core/sync/lost-edits';
import {
  isLabelRecordShape,
  isCommentRecordShape,
  isProjectRecordShape,
  isSectionRecordShape,
  isTaskRecordShape,
  pullEnvelopeSchema,
} from '../core/sync/protocol';
import { markArchived } from '../db/archive';
import type { ConflictEntry, TendDb } from '../db/database';
import { recordLegacyLabels, recordLegacyProjects } from '../db/legacy-projects';
import { recordTable, storedRecord } from '../db/record-tables';
import { getMeta, META_KEYS } from '../db/database';
import { saveClock } from '../db/persistent-clock';
import { toTaskRecord } from '../db/task-index';
import { requestJson, SyncHttpError } from './http';
import type { SyncTransport } from './http';
import type { SyncOutboxEntry } from './outbox';

/** The kinds a pull page carries beside its tasks. */
type SideKind = Exclude<RecordKind, 'task'>;

export interface PullProgress {
  /** Tasks applied so far in this pull. */
  received: number;
  /** Server's estimate of the total, when it sends one. */
  total?: number;
  /** True when this pull started without a cursor (first sync on this device, or a resync). */
  initial: boolean;
  done: boolean;
}

interface PullOptions extends SyncTransport {
  db: TendDb;
  /** The device clock: remote timestamps are folded in so later local writes sort after them. */
  clock?: Clock;
  limit?: number;
  onProgress?: (progress: PullProgress) => void;
}

interface PullResult {
  received: number;
  conflicts: number;
  /** The server expired our cursor and we pulled everything again. */
  resynced: boolean;
}

export async function getCursor(db: TendDb): Promise<string | undefined> {
  return (await db.meta.get(META_KEYS.syncCursor))?.value as string | undefined;
}

export async function pullChanges(options: PullOptions): Promise<PullResult> {
  const { db, limit = 1000, onProgress } = options;
  const now = options.now ?? Date.now;
  const result: PullResult = { received: 0, conflicts: 0, resynced: false };
  /** Ids the server still has, collected during a full resync. */
  const onServer = new Set<string>();
  /** Ids the server archived, sent with the last page of the resync. */
  const archived = new Set<string>();
  const cursor = await getCursor(db);
  const initial = cursor === undefined;
  const lastSyncedAt = (await getMeta<string>(db, META_KEYS.lastSyncedAt)) ?? null;

  const fetchPage = (from: string | undefined) => {
    const query = new URLSearchParams({ limit: String(limit) });
    if (from !== undefined) query.set('cursor', from);
    if (result.resynced) query.set('include', 'archived');
    const request = (async () => {
      const parsed = pullEnvelopeSchema.safeParse(
        await requestJson(options, 'GET', `/api/sync/pull?${query}`),
      );
      if (
        !parsed.success ||
        !parsed.data.tasks.every(isTaskRecordShape) ||
        !(parsed.data.projects ?? []).every(isProjectRecordShape) ||
        !(parsed.data.sections ?? []).every(isSectionRecordShape) ||
        !(parsed.data.labels ?? []).every(isLabelRecordShape) ||
        !(parsed.data.comments ?? []).every(isCommentRecordShape)
      )
        throw new SyncHttpError(
          'transient',
          'server_error',
          'The server sent an unexpected pull reply',
          200,
        );
      return {
        ...parsed.data,
        tasks: parsed.data.tasks as TaskRecord[],
        projects: (parsed.data.projects ?? []) as ProjectRecord[],
        sections: (parsed.data.sections ?? []) as SectionRecord[],
        labels: (parsed.data.labels ?? []) as LabelRecord[],
        comments: (parsed.data.comments ?? []) as CommentRecord[],
      };
    })();
    request.catch(() => undefined); // observed below; never an unhandled rejection if we stop early
    return request;
  };

  // The next page is requested before the current one is written, so network and IndexedDB overlap.
  let next = fetchPage(cursor);
  for (;;) {
    let page;
    try {
      page = await next;
    } catch (error) {
      if (error instanceof SyncHttpError && error.kind === 'expired' && !result.resynced) {
        result.resynced = true;
        await db.meta.delete(META_KEYS.syncCursor);
        next = fetchPage(undefined);
        continue;
      }
      throw error;
    }
    if (page.hasMore) next = fetchPage(page.cursor);
    if (result.resynced) for (const t of page.tasks) onServer.add(t.id);
    for (const id of page.archived ?? []) archived.add(id);
    const applied = await applyPage(
      db,
      page.tasks as TaskRecord[],
      page.cursor,
      options.clock,
      now(),
      lastSyncedAt,
      page.projects,
      page.sections,
      page.labels,
      page.comments,
    );
    // `total` counts the changes after the request's cursor, this page included.
    const total = page.total === undefined ? undefined : result.received + page.total;
    result.received += page.tasks.length;
    result.conflicts += applied.conflicts;
    onProgress?.({
      received: result.received,
      total,
      initial: initial || result.resynced,
      done: !page.hasMore,
    });
    if (!page.hasMore) break;
  }
  if (result.resynced) await settleResync(db, onServer, archived, new Date(now()).toISOString());
  return result;
}

/**
 * Merges one page into the local replica and advances the cursor, atomically. The journal gets this
 * device's values that lost to another device's write of the same field, and this device's edits since
 * `lastSyncedAt` on tasks the page deletes (deletion wins; the edit stays restorable). Projects,
 * sections, labels and comments merge the same way; a task that arrives with a legacy project or label
 * name (an older client's write) gets that name's record, written and queued as the page's upgrades do.
 */
export async function applyPage(
  db: TendDb,
  remote: TaskRecord[],
  cursor: string,
  clock: Clock | undefined,
  at: number,
  lastSyncedAt: string | null = null,
  projects: ProjectRecord[] = [],
  sections: SectionRecord[] = [],
  labels: LabelRecord[] = [],
  comments: CommentRecord[] = [],
): Promise<{ conflicts: number }> {
  let conflicts = 0;
  await db.transaction(
    'rw',
    [db.tasks, db.projects, db.sections, db.labels, db.comments, db.outbox, db.conflicts, db.meta],
    async () => {
      const local = await db.tasks.bulkGet(remote.map((r) => r.id));
      const changed: TaskRecord[] = [];
      const journal: ConflictEntry[] = [];
      const iso = new Date(at).toISOString();
      let newest = '';
      remote.forEach((incoming, i) => {
        const current = local[i] && toTaskRecord(local[i]);
        const merged = mergeRecords(current, incoming);
        if (!current || merged.applied.length > 0 || merged.record.createdAt !== current.createdAt)
          changed.push(merged.record);
        if (clock) {
          for (const o of ownOverwrites(merged.overwritten, clock.nodeId, lastSyncedAt))
            journal.push({ ...o, at: iso, kind: 'overwritten' });
          for (const o of editsLostToDeletion(current, merged.record, clock.nodeId, lastSyncedAt))
            journal.push({ ...o, at: iso, kind: 'deleted' });
        }
        for (const hlc of Object.values(incoming.clock)) if (hlc && hlc > newest) newest = hlc;
      });
      const mergeSide = async (kind: SideKind, incoming: AnyRecord[]) => {
        const table = recordTable(db, kind);
        const local = await table.bulkGet(incoming.map((r) => r.id));
        const merged = incoming.map((record, i) => {
          for (const hlc of Object.values(record.clock)) if (hlc && hlc > newest) newest = hlc;
          const current = local[i];
          return mergeRecords(current && storedRecord(current), record, kind).record;
        });
        return { table, merged };
      };
      const sides = [
        await mergeSide('project', projects),
        await mergeSide('section', sections),
        await mergeSide('label', labels),
        await mergeSide('comment', comments),
      ];
      // Receiving the newest timestamp of the page has the same effect as receiving each one (the clock
      // keeps a max), for a fraction of the parsing on a 10,000-task initial sync.
      if (clock && newest) clock.receive(newest);
      if (changed.length) await db.tasks.bulkPut(changed);
      for (const { table, merged } of sides) if (merged.length) await table.bulkPut(merged);
      await recordLegacyProjects(db, changed, iso);
      await recordLegacyLabels(db, changed, iso);
      if (journal.length) await db.conflicts.bulkAdd(journal);
      await db.meta.put({ key: META_KEYS.syncCursor, value: cursor });
      if (clock) await saveClock(db, clock);
      conflicts = journal.length;
    },
  );
  return { conflicts };
}

/**
 * After a full resync the replica is the server's snapshot plus this device's unsent writes: those go
 * back on top (idempotent if intact). A task the server no longer has and no unsent write refers to is
 * kept read-only when the server archived it, and dropped otherwise (purged on the server).
 */
async function settleResync(
  db: TendDb,
  onServer: Set<string>,
  archived: Set<string>,
  at: string,
): Promise<void> {
  await db.transaction(
    'rw',
    [db.tasks, db.projects, db.sections, db.labels, db.comments, db.outbox],
    async () => {
      const entries = (await db.outbox.orderBy('hlc').toArray()) as SyncOutboxEntry[];
      const pendingTasks = new Set(
        entries.filter((e) => (e.kind ?? 'task') === 'task').map((e) => e.taskId),
      );
      const gone = (await db.tasks.toCollection().primaryKeys()).filter(
        (id) => !onServer.has(id) && !pendingTasks.has(id),
      );
      const purged = gone.filter((id) => !archived.has(id));
      if (purged.length) await db.tasks.bulkDelete(purged);
      await markArchived(
        db,
        gone.filter((id) => archived.has(id)),
        at,
      );
      // Projects, sections, labels and comments are never purged (the server keeps them, deleted ones included): only
      // re-applied.
      const byKey = new Map<string, { entry: SyncOutboxEntry; record: AnyRecord | undefined }>();
      for (const e of entries) {
        const key = `${e.kind ?? 'task'}:${e.taskId}`;
        if (!byKey.has(key)) {
          const stored = await recordTable(db, e.kind).get(e.taskId);
          byKey.set(key, { entry: e, record: stored && storedRecord(stored) });
        }
        const slot = byKey.get(key)!;
        slot.record = applyMutation(slot.record, e).record;
      }
      for (const { entry, record } of byKey.values())
        if (record) await recordTable(db, entry.kind).put(record as never);
    },
  );
}
