// What the first paint can show before Dexie has loaded, read with plain IndexedDB: the Inbox's first
// page (its open tasks in manual order, through the index the view itself reads, with the projects and
// labels their rows name) and how many tasks the Inbox holds. The page paints its rows with the shell,
// and Dexie (a third of the start-up JS), the database's opening and the live queries come after that
// paint and take over from these rows.
import type { LabelRecord } from '../core/label';
import type { ProjectRecord } from '../core/project';
import type { Task } from '../core/task';
import { sortForView } from '../core/views';
import { lookupFrom } from './project-lookup';
import { INDEXED_DB_VERSION } from './schema-version';
import type { StoredTask } from './task-index';

/** IndexedDB itself (a fake one in tests). */
interface PlainIndexedDb {
  indexedDB: IDBFactory;
  IDBKeyRange: Pick<typeof IDBKeyRange, 'bound' | 'only'>;
}

export interface FirstPage {
  /** The Inbox's first `limit` tasks in manual order (and any tying with the last), as views read them. */
  tasks: Task[];
  /** Open tasks in the whole Inbox. */
  total: number;
}

const ORDER_INDEX = '[status+projectKey+order]';

function answer<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB read failed'));
  });
}

/** The open tasks keyed `key` ('' for none, or a deleted project's id): the first `limit`, and all. */
async function openTasksKeyed(
  tasks: IDBObjectStore,
  keyRange: PlainIndexedDb['IDBKeyRange'],
  key: string,
  limit: number,
): Promise<{ rows: StoredTask[]; count: number }> {
  const index = tasks.index(ORDER_INDEX);
  const range = keyRange.bound(['open', key, -Infinity], ['open', key, Infinity]);
  const [rows, count] = await Promise.all([
    answer(index.getAll(range, limit) as IDBRequest<StoredTask[]>),
    answer(index.count(range)),
  ]);
  if (rows.length < limit) return { rows, count };
  // Rows sharing the last one's place sort by more than the index: the view reads all of them.
  const last = rows[rows.length - 1];
  const ties = await answer(
    index.getAll(keyRange.only(['open', key, last.order])) as IDBRequest<StoredTask[]>,
  );
  const seen = new Set(rows.map((r) => r.id));
  return { rows: [...rows, ...ties.filter((r) => !seen.has(r.id))], count };
}

/**
 * The Inbox's first page, as `queryViewPage` reads it in manual order; null when it cannot be told
 * without Dexie (a schema Dexie has still to upgrade, storage that refuses reads). A first visit (no
 * database yet) is an empty Inbox, and creates no database: Dexie creates it with its schema.
 */
export function readInboxPage(
  limit: number,
  name = 'tend',
  { indexedDB: factory, IDBKeyRange: keyRange }: PlainIndexedDb = { indexedDB, IDBKeyRange },
): Promise<FirstPage | null> {
  return new Promise((resolve) => {
    const request = factory.open(name);
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = () =>
      resolve(request.error?.name === 'AbortError' ? { tasks: [], total: 0 } : null);
    request.onsuccess = () => {
      const db = request.result;
      const done = (page: FirstPage | null) => {
        db.close();
        resolve(page);
      };
      if (db.version !== INDEXED_DB_VERSION) return done(null);
      let read: Promise<FirstPage>;
      try {
        const tx = db.transaction(['tasks', 'projects', 'labels'], 'readonly');
        read = readIn(tx, keyRange, limit);
      } catch {
        return done(null);
      }
      read.then(done, () => done(null));
    };
  });
}

async function readIn(
  tx: IDBTransaction,
  keyRange: PlainIndexedDb['IDBKeyRange'],
  limit: number,
): Promise<FirstPage> {
  const tasks = tx.objectStore('tasks');
  // The tasks with no project are read beside the projects: only a deleted project adds a range.
  const [loose, projects, labels] = await Promise.all([
    openTasksKeyed(tasks, keyRange, '', limit),
    answer(tx.objectStore('projects').getAll() as IDBRequest<ProjectRecord[]>),
    answer(tx.objectStore('labels').getAll() as IDBRequest<LabelRecord[]>),
  ]);
  const lookup = lookupFrom(projects, labels);
  const gone = await Promise.all(
    lookup.gone.map((key) => openTasksKeyed(tasks, keyRange, key, limit)),
  );
  const ranges = [loose, ...gone];
  const rows = ranges.flatMap((r) => r.rows).map(lookup.read);
  return {
    tasks: sortForView({ kind: 'inbox' }, rows, 'manual').slice(0, limit),
    total: ranges.reduce((n, r) => n + r.count, 0),
  };
}

/** Rows a view reads at a time (its first page, then one more at each scroll to the end). */
export const VIEW_PAGE_SIZE = 100;

let atStart: FirstPage | null = null;

interface FirstPageOptions {
  limit?: number;
  /** Longest the shell waits for it (Dexie reads the page instead when this passes). */
  wait?: number;
  name?: string;
  indexedDb?: PlainIndexedDb;
}

/** Reads, before the first render, the Inbox's first page (`inboxAtStart`). */
export async function readFirstPage({
  limit = VIEW_PAGE_SIZE,
  wait = 100,
  name,
  indexedDb,
}: FirstPageOptions = {}): Promise<void> {
  const timeout = new Promise<null>((resolve) => setTimeout(resolve, wait, null));
  atStart = await Promise.race([readInboxPage(limit, name, indexedDb), timeout]).catch(() => null);
}

/** The Inbox's first page as it was when the page started, until Dexie answers; null if unknown. */
export function inboxAtStart(): FirstPage | null {
  return atStart;
}
