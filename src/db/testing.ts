// A whole export or import in one call, for tests: the page exports in slices (`exportJsonParts`) and
// imports from a stream (`importJsonStream`), and these give the same results over a string.
import { buildExport, serializeExport } from '../core/transfer/json-export';
import type { ExportFile } from '../core/transfer/json-export';
import type { TendDb } from './database';
import { toTaskRecord } from './task-index';
import { importJsonStream } from './transfer';
import type { TextSource } from './transfer';

type ImportOptions = Omit<Parameters<typeof importJsonStream>[2], 'size'>;

/** Every task, project, section, label and comment record, deleted and partial ones included, with their clocks. */
export async function exportTasks(db: TendDb, now: number): Promise<ExportFile> {
  const [tasks, projects, sections, labels, comments] = await Promise.all([
    db.tasks.toArray(),
    db.projects.toArray(),
    db.sections.toArray(),
    db.labels.toArray(),
    db.comments.toArray(),
  ]);
  return buildExport(
    tasks.map(toTaskRecord),
    new Date(now).toISOString(),
    projects,
    sections,
    labels,
    comments,
  );
}

export async function exportJson(db: TendDb, now: number): Promise<string> {
  return serializeExport(await exportTasks(db, now));
}

/** A text held in memory as a source of pieces. */
function textSource(text: string, piece = 1 << 16): TextSource {
  return async function* () {
    for (let i = 0; i < text.length; i += piece) yield text.slice(i, i + piece);
  };
}

/** Validates the whole file first (a TransferError changes nothing), then merges it. */
export async function importJson(
  db: TendDb,
  text: string,
  options: ImportOptions,
): ReturnType<typeof importJsonStream> {
  return importJsonStream(db, textSource(text), { size: text.length, ...options });
}
