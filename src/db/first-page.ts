// What the first paint can know before Dexie has loaded, read with plain IndexedDB: that no task is
// open (a first visit, a list worked through). The Inbox then shows its empty state in the first paint
// instead of after Dexie, the database's opening and its first query.
import type { DexieOptions } from 'dexie';

type PlainIndexedDb = Required<Pick<DexieOptions, 'indexedDB' | 'IDBKeyRange'>>;

/** True only when the database surely holds no open task; false when it does or cannot tell. */
export function knownNoOpenTasks(
  name = 'tend',
  { indexedDB: factory, IDBKeyRange: keyRange }: PlainIndexedDb = { indexedDB, IDBKeyRange },
): Promise<boolean> {
  return new Promise((resolve) => {
    const request = factory.open(name);
    // No database yet: create none (Dexie creates it with its schema), and there is nothing open.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = () => resolve(request.error?.name === 'AbortError');
    request.onsuccess = () => {
      const db = request.result;
      const answer = (empty: boolean) => {
        db.close();
        resolve(empty);
      };
      try {
        const tasks = db.transaction('tasks', 'readonly').objectStore('tasks');
        // The index the views' counts read: its 'open' range holds every open task.
        const open = keyRange.bound(['open', -Infinity], ['open', [[]]]);
        const read = tasks.index('[status+projectKey]').getAllKeys(open, 1);
        read.onsuccess = () => answer(read.result.length === 0);
        read.onerror = () => answer(false);
      } catch {
        answer(false); // an older schema, or no tasks table: leave it to Dexie
      }
    };
  });
}

let inboxEmpty = false;

/** Reads, before the first render, what the first paint may show without Dexie (`inboxEmptyAtStart`). */
export async function readFirstPage(
  options?: PlainIndexedDb,
  name?: string,
  wait = 100,
): Promise<void> {
  const timeout = new Promise<boolean>((resolve) => setTimeout(resolve, wait, false));
  inboxEmpty = await Promise.race([knownNoOpenTasks(name, options), timeout]).catch(() => false);
}

/** The Inbox was empty when the page started (until Dexie answers, it shows its empty state). */
export function inboxEmptyAtStart(): boolean {
  return inboxEmpty;
}
