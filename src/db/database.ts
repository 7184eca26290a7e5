// The IndexedDB database of the page and the service worker (Dexie 4). Versions only ever grow:
// add a `this.version(n + 1).stores({...})` for a new table or index, never edit a shipped one.
import Dexie from 'dexie';
import type { DBCore, DBCoreTable, DexieOptions, Table, Transaction } from 'dexie';
import type { CommentRecord } from '../core/comment';
import type {
  AnyMutation,
  LabelMutation,
  Overwrite,
  ProjectMutation,
  TaskRecord,
} from '../core/merge';
import { effectiveProjectId, legacyProjectMutations } from '../core/project-id';
import type { ProjectRecord } from '../core/project';
import type { SectionRecord } from '../core/section';
import { effectiveLabelIds, legacyLabelMutations } from '../core/label-id';
import type { LabelRecord } from '../core/label';
import { legacyWriteRecord } from '../core/name-id';
import { withIndexFields } from './task-index';
import type { StoredTask } from './task-index';

/** A local write waiting for the server: the merge's mutation (task, project or section) plus delivery bookkeeping. */
export type OutboxEntry = AnyMutation & {
  /** ISO time the write was made on this device. */
  createdAt: string;
  attempts: number;
  lastError?: string;
};

interface MetaEntry<T = unknown> {
  key: string;
  value: T;
}

/**
 * A value that lost to a newer remote write of the same field, or (`kind: 'deleted'`) a local edit of a
 * task another device deleted; kept for 14 days so the user can restore it.
 */
export interface ConflictEntry extends Overwrite {
  seq?: number;
  /** ISO time the overwrite happened on this device. */
  at: string;
  kind?: 'overwritten' | 'deleted';
  /** ISO time the user restored this value, if they did. */
  restoredAt?: string;
}

interface AiCacheEntry {
  key: string;
  value: unknown;
  /** ISO time of the entry. */
  at: string;
}

/** A reminder firing this device has shown (by the page or the service worker): never shown twice. */
export interface DeliveredReminder {
  /** The firing key, `<reminder id>@<instant>`. */
  key: string;
  taskId: string;
  /** The firing's instant (ms): old entries are pruned by it. */
  at: number;
  by: 'page' | 'push';
  deliveredAt: number;
}

/** A search the user saved under a name, shown in the sidebar with its count (this device only). */
export interface SavedFilter {
  id: string;
  name: string;
  query: string;
  order: number;
}

export const META_KEYS = {
  nodeId: 'nodeId',
  lastHlc: 'lastHlc',
  /** ms added to the device clock after the server found it running ahead (0 or absent: none). */
  clockOffset: 'clockOffset',
  syncCursor: 'syncCursor',
  /** The account whose server copy this device's tasks were last synced with. */
  syncUserId: 'syncUserId',
  /** ISO time of the last complete push + pull. */
  lastSyncedAt: 'lastSyncedAt',
  settings: 'settings',
  /** The push endpoint the server accepted for this device: reminders then come by Web Push. */
  pushEndpoint: 'pushEndpoint',
} as const;

export class TendDb extends Dexie {
  /** Written as TaskRecord; the middleware below adds the index fields. */
  declare tasks: Table<StoredTask, string, TaskRecord>;
  declare outbox: Table<OutboxEntry, string>;
  declare meta: Table<MetaEntry, string>;
  declare conflicts: Table<ConflictEntry, number>;
  declare aiCache: Table<AiCacheEntry, string>;
  declare filters: Table<SavedFilter, string>;
  declare projects: Table<ProjectRecord, string>;
  declare sections: Table<SectionRecord, string>;
  declare delivered: Table<DeliveredReminder, string>;
  declare labels: Table<LabelRecord, string>;
  declare comments: Table<CommentRecord, string>;
  /** The word index of search-index.ts, loaded after the first paint; searches read rows without it. */
  searchIndex?: TaskWordIndex;
  /** Told of every committed write to `tasks` made through this handle (see `onTaskWrites`). */
  readonly taskWrites = new Set<(change: TaskWrite) => void>();

  constructor(name = 'tend', options?: DexieOptions) {
    super(name, options);
    this.version(1).stores({
      // Compound indexes start with `status` so every view is one range of one index.
      tasks:
        'id, [status+projectKey], [status+due], [status+completedAt], *openLabels, *labels, order, updatedAt',
      outbox: 'id, hlc, taskId',
      meta: 'key',
      conflicts: '++seq, taskId, at',
      aiCache: 'key, at',
    });
    // Refused entries are indexed by the time of refusal, so counting what is pending and listing what
    // was refused never scans an outbox of thousands of unsent changes.
    this.version(2).stores({ outbox: 'id, hlc, taskId, rejected.at' });
    // Sub-tasks are found by their parent (top-level tasks have none, so they stay out of the index);
    // saved filters are local to the device.
    this.version(5).stores({
      tasks:
        'id, [status+projectKey], [status+due], [status+completedAt], *openLabels, *labels, order, updatedAt, parentId',
      filters: 'id, order',
    });
    // The Inbox and project views page through their open tasks in manual order, so the first screen
    // reads one page of the index instead of the whole view.
    this.version(6).stores({
      tasks:
        'id, [status+projectKey], [status+projectKey+order], [status+due], [status+completedAt], *openLabels, *labels, order, updatedAt, parentId',
    });
    // Reminder firings this device showed, so the page and the service worker never show one twice.
    this.version(7).stores({ delivered: 'key, at' });
    // Projects become records (versions 6 and 7 are other features' and may land in either order).
    // Tasks keep their legacy names; the upgrade writes a record for each name (queued for sync, the
    // same record on every device: src/core/project.ts) and re-keys the project index by project id.
    this.version(8)
      .stores({ projects: 'id' })
      .upgrade((tx) =>
        recordLegacyNames(tx, 'projects', legacyProjectMutations, (task) => {
          task.projectKey = effectiveProjectId(task) ?? '';
        }),
      );
    // Sections become records. Pages before this version already moved their pull cursor past the
    // server's sections (they skipped them), so the cursor goes: the next pull is a full one and brings
    // every section (re-applying what the device has is a no-op for the merge).
    this.version(9)
      .stores({ sections: 'id, projectId' })
      .upgrade(async (tx) => {
        await tx.table<MetaEntry>('meta').delete(META_KEYS.syncCursor);
      });
    // Comments on tasks, found by their task. Pages before this version skipped the comments in pull
    // replies while advancing their cursor past them, so the cursor goes: the next pull is a full one
    // (merged as usual; unsent changes stay in the outbox) and brings every comment.
    this.version(10)
      .stores({ comments: 'id, taskId' })
      .upgrade(async (tx) => {
        await tx.table<MetaEntry, string>('meta').delete(META_KEYS.syncCursor);
      });
    // Labels become records (version 10 adds comments, version 12 the stored word index). Tasks
    // keep their names; the upgrade writes a record for each name (queued for sync, the same record on
    // every device: src/core/label-id.ts), re-keys the label index by label id, and forgets the pull
    // cursor: earlier pulls skipped the server's label records, so the next pull starts over.
    this.version(11)
      .stores({ labels: 'id' })
      .upgrade(async (tx) => {
        await recordLegacyNames(tx, 'labels', legacyLabelMutations, (task) => {
          task.openLabels = task.status === 'open' ? effectiveLabelIds(task) : [];
        });
        await tx.table<MetaEntry>('meta').delete(META_KEYS.syncCursor);
      });
    // Search answers from IndexedDB by word prefix at start (version 12 only: versions 9-11 are other
    // features', and this upgrade reads nothing they add). The in-memory substring index of
    // search-index.ts takes over once built. Dexie drops indexes a newer version does not list: an
    // index added to `tasks` by version 9-11 must be listed here too.
    this.version(12)
      .stores({
        tasks:
          'id, [status+projectKey], [status+projectKey+order], [status+due], [status+completedAt], *openLabels, *labels, order, updatedAt, parentId, *words',
      })
      .upgrade((tx) =>
        tx
          .table('tasks')
          .toCollection()
          .modify((task: StoredTask) => {
            task.words = withIndexFields(task).words;
          }),
      );
    this.use({
      stack: 'dbcore',
      name: 'taskIndexFields',
      create: (down) =>
        indexFieldsMiddleware(down, (change) => {
          [...this.taskWrites].forEach((l) => l(change));
          this.announceWrite(change);
        }),
    });
  }

  /** Reads a person is waiting for (a view's rows) now running: background reads wait for them. */
  private foregroundReads = 0;
  private quiet: (() => void)[] = [];

  /** Runs a read the user waits for; `whenQuiet` holds background work back until it is done. */
  async inForeground<T>(read: () => Promise<T>): Promise<T> {
    this.foregroundReads += 1;
    try {
      return await read();
    } finally {
      this.foregroundReads -= 1;
      if (this.foregroundReads === 0) this.quiet.splice(0).forEach((resolve) => resolve());
    }
  }

  /** Resolves when no foreground read is running (at once if none is). */
  whenQuiet(): Promise<void> {
    if (this.foregroundReads === 0) return Promise.resolve();
    return new Promise((resolve) => this.quiet.push(resolve));
  }

  private channel?: TaskWriteChannel | null;

  /**
   * The channel other tabs of this origin announce their committed task writes on (ids only), so
   * state kept in memory beside the database (the search index) can follow them. Null where there is
   * no BroadcastChannel. A channel never hears its own messages, so this tab hears only the others.
   */
  taskWriteChannel(): TaskWriteChannel | null {
    if (this.channel === undefined) {
      this.channel =
        typeof BroadcastChannel === 'function'
          ? // Node's typings leave out the EventTarget methods its channel has at run time.
            (new BroadcastChannel(`tend-task-writes:${this.name}`) as unknown as TaskWriteChannel)
          : null;
      // Node (tests, tools) would otherwise keep running for an open channel.
      (this.channel as { unref?: () => void } | null)?.unref?.();
    }
    return this.channel ?? null;
  }

  private announceWrite(change: TaskWrite): void {
    const message: TaskWriteMessage =
      change.kind === 'put' ? { kind: 'put', ids: change.tasks.map((t) => t.id) } : change;
    this.taskWriteChannel()?.postMessage(message);
  }

  /** Told when the search index can answer differently (built, or another tab's write applied). */
  readonly searchIndexChanges = new Set<() => void>();
}

/**
 * An upgrade that gives the legacy names tasks hold their records (name-id.ts), stored and queued for
 * sync like any write, then re-keys each task's index by the records' ids (`reindex`).
 */
async function recordLegacyNames(
  tx: Transaction,
  table: 'projects' | 'labels',
  mutationsFor: (
    tasks: TaskRecord[],
    known: (id: string) => boolean,
  ) => (ProjectMutation | LabelMutation)[],
  reindex: (task: StoredTask) => void,
): Promise<void> {
  const tasks = await tx.table<TaskRecord>('tasks').toArray();
  const writes = mutationsFor(tasks, () => false);
  const createdAt = new Date().toISOString();
  await tx.table(table).bulkPut(writes.map(legacyWriteRecord));
  await tx
    .table<OutboxEntry>('outbox')
    .bulkAdd(writes.map((m) => ({ ...m, createdAt, attempts: 0 })));
  await tx.table<StoredTask>('tasks').toCollection().modify(reindex);
}

/** What the page, the service worker and Node (tests) all offer of a BroadcastChannel. */
interface TaskWriteChannel {
  postMessage(message: TaskWriteMessage): void;
  addEventListener(type: 'message', listener: (event: { data: TaskWriteMessage }) => void): void;
  removeEventListener(type: 'message', listener: (event: { data: TaskWriteMessage }) => void): void;
}

/** A committed task write as announced to other tabs: ids, not rows (they read what they need). */
export type TaskWriteMessage =
  { kind: 'put'; ids: string[] } | { kind: 'delete'; ids: string[] } | { kind: 'cleared' };

export interface WordHits {
  /** Tasks containing every word (as substrings of their words), in manual order. */
  hits: { id: string; order: number }[];
  /** Every hit is a match (plain single words): no row needs checking. */
  exact: boolean;
}

export interface TaskWordIndex {
  /** Null when the index cannot answer (not complete yet, or no word to look up). */
  lookup(words: readonly string[]): WordHits | null;
  /** Resolves once the index holds every stored task (its build reads them after the first paint). */
  complete(): Promise<void>;
}

/** IDBTransaction's addEventListener, without needing the DOM types (the worker builds use this). */
type CommitListener = (type: 'complete', listener: () => void, options: { once: true }) => void;

/** A committed write to `tasks`: the rows put, the ids deleted, or a range cleared. */
export type TaskWrite =
  { kind: 'put'; tasks: StoredTask[] } | { kind: 'delete'; ids: string[] } | { kind: 'cleared' };

/** Calls `listener` after each committed write to `tasks` on this handle; returns the unsubscribe. */
export function onTaskWrites(db: TendDb, listener: (change: TaskWrite) => void): () => void {
  db.taskWrites.add(listener);
  return () => db.taskWrites.delete(listener);
}

/**
 * Recomputes the derived index fields on every put/add to `tasks`, whoever writes (store, sync, import),
 * so the views can never see a stale status; tells `written` once the write's transaction commits.
 */
function indexFieldsMiddleware(down: DBCore, written: (change: TaskWrite) => void): DBCore {
  return {
    ...down,
    table(name: string): DBCoreTable {
      const table = down.table(name);
      if (name !== 'tasks') return table;
      return {
        ...table,
        async mutate(req) {
          let change: TaskWrite;
          if (req.type === 'add' || req.type === 'put') {
            const values = req.values.map(withIndexFields);
            change = { kind: 'put', tasks: values };
            req = { ...req, values };
          } else if (req.type === 'delete') {
            change = { kind: 'delete', ids: req.keys as string[] };
          } else {
            change = { kind: 'cleared' };
          }
          const result = await table.mutate(req);
          // Outside the writer's transaction: listeners may read the database themselves.
          const tell = () => Dexie.ignoreTransaction(() => written(change));
          const trans = req.trans as unknown as { addEventListener?: CommitListener };
          if (typeof trans.addEventListener === 'function')
            trans.addEventListener('complete', tell, { once: true });
          else tell();
          return result;
        },
      };
    },
  };
}

/**
 * The database handle; Dexie opens (creating or upgrading) it on first use.
 * `options` lets tests pass fake-indexeddb: `{ indexedDB, IDBKeyRange }`.
 */
export function openTendDb(name = 'tend', options?: DexieOptions): TendDb {
  return new TendDb(name, options);
}

export const CONFLICT_RETENTION_MS = 14 * 24 * 60 * 60 * 1000;

/** Drops conflict journal entries older than 14 days; returns how many went. */
export async function pruneConflicts(db: TendDb, now: number): Promise<number> {
  const cutoff = new Date(now - CONFLICT_RETENTION_MS).toISOString();
  return db.conflicts.where('at').below(cutoff).delete();
}

export async function getMeta<T>(db: TendDb, key: string): Promise<T | undefined> {
  const entry = await db.meta.get(key);
  return entry?.value as T | undefined;
}

export async function setMeta<T>(db: TendDb, key: string, value: T): Promise<void> {
  await db.meta.put({ key, value });
}
