// Export and import against the database. JSON imports merge tasks, projects, sections, labels and
// comments through `applyMutation`
// with the file's own timestamps (so importing twice changes nothing) and queue what changed in the
// outbox, like any local write; Todoist imports go through the tasks store as new tasks.
import type { CommentRecord } from '../core/comment';
import type { Clock } from '../core/hlc';
import { applyMutation, recordToMutations } from '../core/merge';
import type { AnyMutation, AnyRecord, TaskRecord } from '../core/merge';
import type { ProjectRecord } from '../core/project';
import type { SectionRecord } from '../core/section';
import type { LabelRecord } from '../core/label';
import type { Task } from '../core/task';
import {
  EXPORT_TAIL,
  checkTaskRecord,
  exportHead,
  exportLine,
  parseExport,
} from '../core/transfer/json-export';
import { createExportReader } from '../core/transfer/json-stream';
import { TransferError } from '../core/transfer/errors';
import { parseTodoistCsv } from '../core/transfer/todoist-csv';
import type { TodoistImportOptions } from '../core/transfer/todoist-csv';
import type { TransferProblem } from '../core/transfer/errors';
import type { OutboxEntry, TendDb } from './database';
import { catchUpClock, saveClock } from './persistent-clock';
import { recordLegacyLabels, recordLegacyProjects } from './legacy-projects';
import { toTaskRecord } from './task-index';
import type { StoredTask } from './task-index';
import type { SectionsStore } from './sections-store';
import type { CommentsStore } from './comments-store';
import type { TasksStore } from './tasks-store';

interface ExportParts {
  /** The file's text in pieces (Blob parts): the same text as the whole export serialized at once. */
  parts: string[];
  count: number;
}

/** The export read a slice of tasks at a time, so no single step holds the page for long. */
export async function exportJsonParts(
  db: TendDb,
  now: number,
  { slice = 2000, pause = nextTask }: SliceOptions = {},
): Promise<ExportParts> {
  const head = exportHead(
    new Date(now).toISOString(),
    await db.projects.toArray(),
    await db.sections.toArray(),
    await db.labels.toArray(),
    await db.comments.toArray(),
  );
  const parts = [head];
  let count = 0;
  let after: string | null = null;
  for (;;) {
    const rows: StoredTask[] = await (after === null
      ? db.tasks.orderBy(':id').limit(slice).toArray()
      : db.tasks.where(':id').above(after).limit(slice).toArray());
    if (rows.length)
      parts.push((count ? ',\n' : '') + rows.map((r) => exportLine(toTaskRecord(r))).join(',\n'));
    count += rows.length;
    if (rows.length < slice) break;
    after = rows[rows.length - 1].id;
    await pause();
  }
  parts.push(EXPORT_TAIL);
  return { parts, count };
}

interface SliceOptions {
  /** Records per slice (one transaction each when writing). */
  slice?: number;
  /** Runs between slices, so input and paints get their turn. */
  pause?: () => Promise<void>;
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

interface ImportJsonOptions extends SliceOptions {
  clock: Clock;
  newId?: () => string;
  now?: () => number;
  /** Share of the import done, 0 to 1: checking the file is the first fifth, merging the rest. */
  onProgress?: (fraction: number) => void;
  /** The file's length, for the progress of the first pass (characters or bytes). */
  size?: number;
}

interface ImportSummary {
  /** Task records in the file (its projects are merged alongside and not counted). */
  total: number;
  created: number;
  updated: number;
  unchanged: number;
}

/** A file's text, piece by piece; called once per pass over the file. */
export type TextSource = () => AsyncIterable<string>;

/** The part of an import's progress spent checking the file before anything is written. */
const CHECK_SHARE = 0.2;

/**
 * Imports an export read piece by piece, in two passes: the first checks every record without writing
 * (a TransferError changes nothing), the second merges the projects, then a slice of tasks per
 * transaction.
 */
export async function importJsonStream(
  db: TendDb,
  source: TextSource,
  options: ImportJsonOptions,
): Promise<ImportSummary> {
  const { slice = 500, pause = nextTask, onProgress, size } = options;
  const problems: TransferProblem[] = [];
  let total = 0;
  let read = 0;
  const reader = createExportReader();
  for await (const text of source()) {
    for (const item of reader.push(text)) {
      // The file is named by its first problems; checking the rest would only add memory.
      if (problems.length < 100) checkTaskRecord(item, `tasks.${total}`, problems);
      total += 1;
    }
    read += text.length;
    if (size) onProgress?.(Math.min(1, read / size) * CHECK_SHARE);
    await pause();
  }
  // The header (projects, sections, labels, comments) is read whole by the whole-file check.
  const {
    projects = [],
    sections = [],
    labels = [],
    comments = [],
  } = parseExport(JSON.stringify({ ...reader.end(), tasks: [] }));
  if (problems.length) {
    throw new TransferError('invalid_records', 'Some records in the file are not valid', problems);
  }
  const summary: ImportSummary = { total, created: 0, updated: 0, unchanged: 0 };
  const merged = createExportReader();
  let batch: TaskRecord[] = [];
  let first = true;
  const flush = async () => {
    await mergeSlice(
      db,
      batch,
      first ? { projects, sections, labels, comments } : {},
      options,
      summary,
    );
    first = false;
    batch = [];
    const done = summary.created + summary.updated + summary.unchanged;
    onProgress?.(CHECK_SHARE + (1 - CHECK_SHARE) * (total ? done / total : 1));
    await pause();
  };
  for await (const text of source()) {
    for (const item of merged.push(text)) {
      batch.push(checkTaskRecord(item, '', []) as TaskRecord);
      if (batch.length >= slice) await flush();
    }
  }
  if (batch.length || first) await flush();
  return summary;
}

/** The records a file keeps beside its tasks, merged with its first slice. */
interface SideRecords {
  projects?: ProjectRecord[];
  sections?: SectionRecord[];
  labels?: LabelRecord[];
  comments?: CommentRecord[];
}

/** Merges checked records in one transaction, each change queued for sync like a local write. */
async function mergeSlice(
  db: TendDb,
  tasks: TaskRecord[],
  sides: SideRecords,
  { clock, newId = () => crypto.randomUUID(), now = Date.now }: ImportJsonOptions,
  summary: ImportSummary,
): Promise<void> {
  const tables = [db.tasks, db.projects, db.sections, db.labels, db.comments, db.outbox, db.meta];
  await db.transaction('rw', tables, async () => {
    await catchUpClock(db, clock);
    const createdAt = new Date(now()).toISOString();
    const entries: OutboxEntry[] = [];
    const sideKinds = [
      [db.projects, sides.projects ?? [], 'project'],
      [db.sections, sides.sections ?? [], 'section'],
      [db.labels, sides.labels ?? [], 'label'],
      [db.comments, sides.comments ?? [], 'comment'],
    ] as const;
    for (const [table, incoming, kind] of sideKinds) {
      const storedSide = await (table as typeof db.projects).bulkGet(incoming.map((r) => r.id));
      const writes = incoming.map((record, i) =>
        mergeFile(
          storedSide[i],
          record,
          recordToMutations(record as never, newId, undefined, kind as 'project'),
        ),
      );
      for (const w of writes)
        entries.push(...w.queued.map((m) => ({ ...m, createdAt, attempts: 0 })));
      await (table as typeof db.projects).bulkPut(
        writes.flatMap((w) => (w.record && w.queued.length ? [w.record as ProjectRecord] : [])),
      );
    }
    const stored = await db.tasks.bulkGet(tasks.map((r) => r.id));
    const records: TaskRecord[] = [];
    tasks.forEach((incoming, i) => {
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
    // A file from before projects and labels were records names them on its tasks.
    await recordLegacyProjects(db, records, createdAt);
    await recordLegacyLabels(db, records, createdAt);
    await saveClock(db, clock);
  });

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

interface TodoistImportResult {
  tasks: Task[];
  /** How many of the file's notes became comments. */
  comments: number;
  warnings: TransferProblem[];
}

/**
 * Imports a Todoist CSV export as new tasks, a slice per transaction, each queued for sync; the file's
 * notes become comments of their tasks through `comments` (without it they are left out).
 */
export async function importTodoistCsv(
  store: TasksStore,
  text: string,
  options: Omit<TodoistImportOptions, 'newId'> & {
    newId?: () => string;
    comments?: Pick<CommentsStore, 'addComments'>;
    /** Share of the tasks written, 0 to 1. */
    onProgress?: (fraction: number) => void;
    /** Where the file's sections are made; without it section rows become labels. */
    sectionsStore?: SectionsStore;
  } & SliceOptions,
): Promise<TodoistImportResult> {
  const {
    slice = 500,
    pause = nextTask,
    onProgress,
    sectionsStore,
    comments,
    ...parseOptions
  } = options;
  const parsed = parseTodoistCsv(text, {
    newId: () => crypto.randomUUID(),
    ...parseOptions,
    sections: parseOptions.sections ?? (sectionsStore ? undefined : 'label'),
  });
  const { tasks, warnings } = parsed;
  const added: Task[] = [];
  for (let i = 0; i < tasks.length; i += slice) {
    // Sub-tasks follow their parents in the file, so a parent is stored before its sub-tasks' slice.
    added.push(...(await store.addTasks(tasks.slice(i, i + slice))));
    onProgress?.(added.length / tasks.length);
    await pause();
  }
  // The tasks made (or found) the project; its sections take the ids the tasks already name and go
  // after the sections it has, in file order.
  const projectId = added.find((t) => t.projectId)?.projectId;
  if (sectionsStore && projectId)
    for (const s of parsed.sections)
      await sectionsStore.addSection({ projectId, name: s.name, id: s.id });
  else if (parsed.sections.length)
    warnings.push({ at: 'file', message: 'the sections were skipped: the file has no tasks' });
  const posted = comments ? await comments.addComments(parsed.comments) : [];
  return { tasks: added, comments: posted.length, warnings };
}
