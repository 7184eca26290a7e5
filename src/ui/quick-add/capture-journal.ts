// A capture must survive a reload or a killed tab in the moment between Enter and the IndexedDB commit
// (the row is shown before the commit). So the typed task is first written synchronously to
// localStorage under its final id, removed once stored, and replayed at the next start: by id, never twice.
import type { TendDb } from '../../db/database';
import type { NewTask } from '../../core/task';
import type { TasksStore } from '../../db/tasks-store';

const KEY = 'tend:capture-journal';

interface JournalEntry {
  id: string;
  fields: NewTask;
}

interface CaptureJournal {
  list(): JournalEntry[];
  add(entry: JournalEntry): void;
  remove(id: string): void;
}

/** Without storage (private modes, tests) the journal is a no-op and capture works as before. */
export function createCaptureJournal(
  storage: Storage | null = globalThis.localStorage ?? null,
): CaptureJournal {
  const read = (): JournalEntry[] => {
    try {
      const value: unknown = JSON.parse(storage?.getItem(KEY) ?? '[]');
      return Array.isArray(value) ? (value as JournalEntry[]) : [];
    } catch {
      return [];
    }
  };
  const saveEntries = (entries: JournalEntry[]) => {
    try {
      if (entries.length) storage?.setItem(KEY, JSON.stringify(entries));
      else storage?.removeItem(KEY);
    } catch {
      // Quota or disabled storage: the IndexedDB write still happens, only the safety net is missing.
    }
  };
  return {
    list: read,
    add: (entry) => saveEntries([...read().filter((e) => e.id !== entry.id), entry]),
    remove: (id) => saveEntries(read().filter((e) => e.id !== id)),
  };
}

/** Stores every capture the last session did not finish; returns how many it added. */
export async function replayCaptureJournal(
  journal: CaptureJournal,
  store: Pick<TasksStore, 'addTask'>,
  db: Pick<TendDb, 'tasks'>,
): Promise<number> {
  let added = 0;
  for (const entry of journal.list()) {
    if (!(await db.tasks.get(entry.id))) {
      await store.addTask({ ...entry.fields, id: entry.id });
      added += 1;
    }
    journal.remove(entry.id);
  }
  return added;
}

/** The page's journal (localStorage where the browser has it). */
export const captureJournal = createCaptureJournal();
