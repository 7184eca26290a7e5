// Tend's own export file: every task, project, section, label and comment record with its per-field clocks, so importing it back
// (here or on another device) merges exactly like sync does and loses nothing.
import { COMMENT_FIELDS, commentChangesSchema } from '../comment';
import type { CommentRecord } from '../comment';
import { isHlc } from '../hlc';
import type { TaskRecord } from '../merge';
import { PROJECT_FIELDS, projectChangesSchema } from '../project';
import type { ProjectRecord } from '../project';
import { LABEL_FIELDS, labelChangesSchema } from '../label';
import type { LabelRecord } from '../label';
import { SECTION_FIELDS, sectionChangesSchema } from '../section';
import type { SectionRecord } from '../section';
import { SYNCED_FIELDS, taskChangesSchema } from '../task';
import { TransferError } from './errors';
import type { TransferProblem } from './errors';

const EXPORT_FORMAT = 'tend-export';
/**
 * 2: a record's clock may name one timestamp for every field it does not list (`"*"`); most records
 * were written at one time, and their fifteen copies of it were over half of a file's bytes.
 * 1: every field's timestamp by name. Both are read.
 */
const EXPORT_VERSION = 2;
const READ_VERSIONS: readonly unknown[] = [1, 2];
/** The clock key standing for every field of the record the clock does not name. */
const SHARED = '*';

export interface ExportFile {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  /** ISO time of the export. */
  exportedAt: string;
  tasks: TaskRecord[];
  /** Absent from files written before projects were records: their tasks carry project names. */
  projects?: ProjectRecord[];
  /** Absent from files written before sections. */
  sections?: SectionRecord[];
  /** Absent from files written before label records: their tasks carry label names only. */
  labels?: LabelRecord[];
  /** Absent from files written before comments. */
  comments?: CommentRecord[];
}

export function buildExport(
  records: TaskRecord[],
  exportedAt: string,
  projects: ProjectRecord[] = [],
  sections: SectionRecord[] = [],
  labels: LabelRecord[] = [],
  comments: CommentRecord[] = [],
): ExportFile {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt,
    tasks: records,
    projects,
    sections,
    labels,
    comments,
  };
}

/** How a kind of record is checked: its synced fields, their schema, and what to call one. */
interface RecordSpec {
  fields: readonly string[];
  schema:
    | typeof taskChangesSchema
    | typeof projectChangesSchema
    | typeof sectionChangesSchema
    | typeof labelChangesSchema
    | typeof commentChangesSchema;
  noun: string;
}

const TASK_SPEC: RecordSpec = { fields: SYNCED_FIELDS, schema: taskChangesSchema, noun: 'task' };
const PROJECT_SPEC: RecordSpec = {
  fields: PROJECT_FIELDS,
  schema: projectChangesSchema,
  noun: 'project',
};
const SECTION_SPEC: RecordSpec = {
  fields: SECTION_FIELDS,
  schema: sectionChangesSchema,
  noun: 'section',
};
const LABEL_SPEC: RecordSpec = { fields: LABEL_FIELDS, schema: labelChangesSchema, noun: 'label' };

const COMMENT_SPEC: RecordSpec = {
  fields: COMMENT_FIELDS,
  schema: commentChangesSchema,
  noun: 'comment',
};

/**
 * The file's text: compact, one task record per line (no indentation: about 15% smaller than the
 * indented form), projects, sections, labels and comments before tasks so a streamed import has them first, and still one JSON
 * document that any JSON reader opens.
 */
export function serializeExport(file: ExportFile): string {
  return (
    exportHead(
      file.exportedAt,
      file.projects ?? [],
      file.sections ?? [],
      file.labels ?? [],
      file.comments ?? [],
    ) +
    file.tasks.map(exportLine).join(',\n') +
    EXPORT_TAIL
  );
}

/** The text before the first task record. */
export function exportHead(
  exportedAt: string,
  projects: ProjectRecord[],
  sections: SectionRecord[] = [],
  labels: LabelRecord[] = [],
  comments: CommentRecord[] = [],
): string {
  const { tasks: _tasks, ...header } = buildExport(
    [],
    exportedAt,
    projects,
    sections,
    labels,
    comments,
  );
  const compact = {
    ...header,
    projects: header.projects?.map((r) => compactRecord(r, PROJECT_SPEC.fields)),
    sections: header.sections?.map((r) => compactRecord(r, SECTION_SPEC.fields)),
    labels: header.labels?.map((r) => compactRecord(r, LABEL_SPEC.fields)),
    comments: header.comments?.map((r) => compactRecord(r, COMMENT_SPEC.fields)),
  };
  return `${JSON.stringify(compact).slice(0, -1)},"tasks":[\n`;
}

export const exportLine = (record: TaskRecord): string =>
  JSON.stringify(compactRecord(record, TASK_SPEC.fields));

/**
 * The record with its most common timestamp written once, as `"*"`, and the others by field. Only
 * when the clock stamps exactly the fields the record holds (what an import checks), so `"*"` gives
 * back the same clock.
 */
function compactRecord<R extends { clock: Record<string, string> }>(
  record: R,
  fields: readonly string[],
): R {
  const { clock } = record;
  const held = fields.filter((f) => (record as Record<string, unknown>)[f] !== undefined);
  if (held.length !== Object.keys(clock).length || !held.every((f) => f in clock)) return record;
  const counts = new Map<string, number>();
  for (const hlc of Object.values(clock)) counts.set(hlc, (counts.get(hlc) ?? 0) + 1);
  let shared = '';
  let most = 1;
  for (const [hlc, n] of counts) if (n > most) [shared, most] = [hlc, n];
  if (!shared) return record;
  const compact: Record<string, string> = { [SHARED]: shared };
  for (const [field, hlc] of Object.entries(clock)) if (hlc !== shared) compact[field] = hlc;
  return { ...record, clock: compact };
}

export const EXPORT_TAIL = '\n]}\n';

/** One task record of an export checked and normalised; null (with `problems` added) when invalid. */
export function checkTaskRecord(
  item: unknown,
  at: string,
  problems: TransferProblem[],
): TaskRecord | null {
  return checkRecord(item, at, problems, TASK_SPEC) as TaskRecord | null;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Reads and validates an export file; throws a TransferError naming every bad record and field. */
export function parseExport(text: string): ExportFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new TransferError('invalid_json', `The file is not JSON (${(error as Error).message})`);
  }
  if (
    !isObject(data) ||
    data.format !== EXPORT_FORMAT ||
    !Array.isArray(data.tasks) ||
    !(data.projects === undefined || Array.isArray(data.projects)) ||
    !(data.sections === undefined || Array.isArray(data.sections)) ||
    !(data.labels === undefined || Array.isArray(data.labels)) ||
    !(data.comments === undefined || Array.isArray(data.comments))
  ) {
    throw new TransferError('invalid_export', 'The file is not a Tend export');
  }
  if (!READ_VERSIONS.includes(data.version)) {
    throw new TransferError(
      'unsupported_version',
      `The export is version ${String(data.version)}; this Tend reads versions ${READ_VERSIONS.join(' and ')}`,
    );
  }
  const problems: TransferProblem[] = [];
  const tasks = data.tasks.map((item, i) => checkRecord(item, `tasks.${i}`, problems, TASK_SPEC));
  const projects = ((data.projects ?? []) as unknown[]).map((item, i) =>
    checkRecord(item, `projects.${i}`, problems, PROJECT_SPEC),
  );
  const sections = ((data.sections ?? []) as unknown[]).map((item, i) =>
    checkRecord(item, `sections.${i}`, problems, SECTION_SPEC),
  );
  const labels = ((data.labels ?? []) as unknown[]).map((item, i) =>
    checkRecord(item, `labels.${i}`, problems, LABEL_SPEC),
  );
  const comments = ((data.comments ?? []) as unknown[]).map((item, i) =>
    checkRecord(item, `comments.${i}`, problems, COMMENT_SPEC),
  );
  if (problems.length) {
    throw new TransferError('invalid_records', 'Some records in the file are not valid', problems);
  }
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: typeof data.exportedAt === 'string' ? data.exportedAt : '',
    tasks: tasks as TaskRecord[],
    projects: projects as ProjectRecord[],
    sections: sections as SectionRecord[],
    labels: labels as LabelRecord[],
    comments: comments as CommentRecord[],
  };
}

function checkRecord(
  item: unknown,
  at: string,
  problems: TransferProblem[],
  spec: RecordSpec,
): TaskRecord | ProjectRecord | SectionRecord | LabelRecord | CommentRecord | null {
  if (!isObject(item)) {
    problems.push({ at, message: `not a ${spec.noun} record` });
    return null;
  }
  const before = problems.length;
  if (typeof item.id !== 'string' || !UUID_RE.test(item.id)) {
    problems.push({ at: `${at}.id`, message: 'must be a UUID' });
  }
  for (const key of ['createdAt', 'updatedAt'] as const) {
    if (typeof item[key] !== 'string' || !ISO_RE.test(item[key] as string)) {
      problems.push({ at: `${at}.${key}`, message: 'must be an ISO date-time' });
    }
  }
  const clock = isObject(item.clock) ? { ...item.clock } : {};
  if (!isObject(item.clock)) problems.push({ at: `${at}.clock`, message: 'missing field clocks' });
  /** A shared timestamp that is not one is the only problem of the fields it would stamp. */
  let sharedInvalid = false;
  if (SHARED in clock) {
    const shared = clock[SHARED];
    delete clock[SHARED];
    sharedInvalid = !isHlc(shared);
    if (sharedInvalid) problems.push({ at: `${at}.clock.${SHARED}`, message: 'not a timestamp' });
    else
      for (const field of spec.fields)
        if (field in item && item[field] !== undefined && !(field in clock)) clock[field] = shared;
  }
  for (const [field, hlc] of Object.entries(clock)) {
    if (!spec.fields.includes(field)) {
      problems.push({ at: `${at}.clock.${field}`, message: `not a ${spec.noun} field` });
    } else if (!isHlc(hlc)) {
      problems.push({ at: `${at}.clock.${field}`, message: 'not a timestamp' });
    }
  }
  const fields: Record<string, unknown> = {};
  for (const field of spec.fields) {
    const has = field in item && item[field] !== undefined;
    if (has !== field in clock && !(has && sharedInvalid)) {
      problems.push({
        at: `${at}.${field}`,
        message: has ? 'has a value but no timestamp' : 'has a timestamp but no value',
      });
    }
    if (has) fields[field] = item[field];
  }
  const parsed = spec.schema.safeParse(fields);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({ at: `${at}.${issue.path.join('.')}`, message: issue.message });
    }
  }
  if (problems.length > before) return null;
  return {
    ...parsed.data,
    id: item.id as string,
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
    clock: clock as Record<string, string>,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
