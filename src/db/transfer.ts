// Export and import against the database. JSON imports merge tasks and projects through `applyMutation`
// with the file's own timestamps (so importing twice changes nothing) and queue what changed in the
// outbox, like any local write; Todoist imports go through the tasks store as new tasks.
import type { Clock } from '../core/hlc';
import { applyMutation, recordToMutations } from '../core/merge';
import type { AnyMutation, AnyRecord, TaskRecord } from '../core/merge';
import type { ProjectRecord } from '../core/project';
import type { Task } from '../core/task';
import { buildExport, parseExport, serializeExport } from '../core/transfer/json-export';
import type { ExportFile } from '../core/transfer/json-export';
import { parseTodoistCsv } from '../core/transfer/todoist-csv';
import type { TodoistImportOptions } from '../core/transfer/todoist-csv';
import type { TransferProblem } from '../core/transfer/errors';
import type { OutboxEntry, TendDb } from './database';
import { catchUpClock, saveClock } from './persistent-clock';
import { recordLegacyProjects } from './legacy-projects';
import { toTaskRecord } from './task-index';
import type { TasksStore } from './tasks-store';

/** Every task and project record, deleted and partial ones included, with their clocks. */
export async function exportTasks(db: TendDb, now: number): Promise<ExportFile> {
  const [tasks, projects] = await Promise.all([db.tasks.toArray(), db.projects.toArray()]);
  return buildExport(tasks.map(toTaskRecord), new Date(now).toISOString(), projects);
}

export async function exportJson(db: TendDb, now: number): Promise<string> {
  return serializeExport(await exportTasks(db, now));
}

export interface ImportJsonOptions {
  clock: Clock;
  newId?: () => string;
  now?: () => number;
}

export interface ImportSummary {
  /** Task records in the file (its projects are merged alongside and not counted). */
  total: number;
  created: number;
  updated: number;
  unchanged: number;
}

/** Validates the whole file first (a TransferError changes nothing), then merges it in one transaction. */
export async function importJson(
  db: TendDb,
  text: string,
  { clock, newId = () => crypto.randomUUID(), now = Date.now }: ImportJsonOptions,
): Promise<ImportSummary> {
  const file = parseExport(text);
  const summary: ImportSummary = { total: file.tasks.length, created: 0, updated: 0, unchanged: 0 };
  await db.transaction('rw', [db.tasks, db.projects, db.outbox, db.meta], async () => {
    await catchUpClock(db, clock);
    const createdAt = new Date(now()).toISOString();
    const projects = file.projects ?? [];
    const storedProjects = await db.projects.bulkGet(projects.map((r) => r.id));
    const projectWrites = projects.map((incoming, i) =>
      mergeFile(
        storedProjects[i],
        incoming,
        recordToMutations(incoming, newId, undefined, 'project'),
      ),
    );
    const stored = await db.tasks.bulkGet(file.tasks.map((r) => r.id));
    const records: TaskRecord[] = [];
    const entries: OutboxEntry[] = projectWrites.flatMap((w) =>
      w.queued.map((m) => ({ ...m, createdAt, attempts: 0 })),
    );
    await db.projects.bulkPut(
      projectWrites.flatMap((w) =>
        w.record && w.queued.length ? [w.record as ProjectRecord] : [],
      ),
    );
    file.tasks.forEach((incoming, i) => {
      const current = stored[i] && toTaskRecord(stored[i]);
      const { record, queued } = mergeFile(current, incoming, recordToMutations(incoming, newId));
      if (!record || queued.length === 0) {
        summary.unchanged += 1;
        return;
      }
      summary[current ? 'updated' : 'created'] += 1;
      records.push(record as TaskRecord);
      entries.push(...queued.map((m) => ({ ...m, createdAt, attempts: 0 })));
    });
    await db.tasks.bulkPut(records);
    await db.outbox.bulkAdd(entries);
    // A file from before projects were records names them on its tasks.
    await recordLegacyProjects(db, records, createdAt);
    await saveClock(db, clock);
  });
  return summary;

  /** Applies a file record's writes to the stored one; `queued` holds what actually changed. */
  function mergeFile(
    current: AnyRecord | undefined,
    incoming: AnyRecord,
    mutations: AnyMutation[],
  ): { record: AnyRecord | undefined; queued: AnyMutation[] } {
    let record = current;
    const queued: AnyMutation[] = [];
    for (const mutation of mutations) {
      const result = applyMutation(record, mutation);
      record = result.record;
      if (result.applied.length)
        queued.push({
          ...mutation,
          changes: pick(mutation.changes, result.applied),
        } as AnyMutation);
      clock.receive(mutation.hlc);
    }
    if (!record || queued.length === 0) return { record, queued };
    // createdAt/updatedAt are not fields with clocks: keep the widest span either side has seen.
    if (incoming.createdAt < record.createdAt)
      record = { ...record, createdAt: incoming.createdAt };
    if (incoming.updatedAt > record.updatedAt)
      record = { ...record, updatedAt: incoming.updatedAt };
    return { record, queued };
  }
}

function pick(changes: object, fields: readonly string[]): object {
  return Object.fromEntries(Object.entries(changes).filter(([field]) => fields.includes(field)));
}

export interface TodoistImportResult {
  tasks: Task[];
  warnings: TransferProblem[];
}

/** Imports a Todoist CSV export as new tasks, in one transaction, each queued for sync. */
export async function importTodoistCsv(
  store: TasksStore,
  text: string,
  options: Omit<TodoistImportOptions, 'newId'> & { newId?: () => string },
): Promise<TodoistImportResult> {
  const { tasks, warnings } = parseTodoistCsv(text, {
    newId: () => crypto.randomUUID(),
    ...options,
  });
  return { tasks: tasks.length ? await store.addTasks(tasks) : [], warnings };
}
