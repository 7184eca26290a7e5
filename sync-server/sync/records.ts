// Maps between a row (one column per field, a jsonb `clock`) and the shared records of src/core: tasks
// projects, sections, labels and comments alike. A field exists in the record exactly when its clock entry exists, so partial records
// survive a round trip.
import { COMMENT_FIELDS } from '../../src/core/comment';
import type { CommentField, CommentRecord } from '../../src/core/comment';
import type { TaskRecord } from '../../src/core/merge';
import { PROJECT_FIELDS } from '../../src/core/project';
import type { ProjectField, ProjectRecord } from '../../src/core/project';
import { LABEL_FIELDS } from '../../src/core/label';
import type { LabelField, LabelRecord } from '../../src/core/label';
import { SECTION_FIELDS } from '../../src/core/section';
import type { SectionField, SectionRecord } from '../../src/core/section';
import type { SyncedField } from '../../src/core/task';
import { SYNCED_FIELDS } from '../../src/core/task';

interface Column {
  column: string;
  type: string;
}

// A field has the same column in every table that holds it (order is sort_order everywhere).
const FIELD_COLUMNS: Record<
  SyncedField | ProjectField | SectionField | LabelField | CommentField,
  Column
> = {
  title: { column: 'title', type: 'text' },
  notes: { column: 'notes', type: 'text' },
  due: { column: 'due', type: 'text' },
  priority: { column: 'priority', type: 'smallint' },
  project: { column: 'project', type: 'text' },
  labels: { column: 'labels', type: 'jsonb' },
  recurrence: { column: 'recurrence', type: 'text' },
  completedAt: { column: 'completed_at', type: 'timestamptz' },
  deletedAt: { column: 'deleted_at', type: 'timestamptz' },
  order: { column: 'sort_order', type: 'double precision' },
  parentId: { column: 'parent_id', type: 'uuid' },
  projectId: { column: 'project_id', type: 'uuid' },
  reminders: { column: 'reminders', type: 'jsonb' },
  sectionId: { column: 'section_id', type: 'uuid' },
  labelIds: { column: 'label_ids', type: 'jsonb' },
  name: { column: 'name', type: 'text' },
  colour: { column: 'colour', type: 'text' },
  archived: { column: 'archived', type: 'boolean' },
  taskId: { column: 'task_id', type: 'uuid' },
  // `text` is a type name in PostgreSQL: the comment's text sits in `body`.
  text: { column: 'body', type: 'text' },
  postedAt: { column: 'posted_at', type: 'timestamptz' },
};

/** How one kind of record sits in its table: the fields it has a column for, in column order. */
interface RecordTable {
  fields: readonly (keyof typeof FIELD_COLUMNS)[];
}

const TASK_TABLE: RecordTable = { fields: SYNCED_FIELDS };
const PROJECT_TABLE: RecordTable = { fields: PROJECT_FIELDS };
const SECTION_TABLE: RecordTable = { fields: SECTION_FIELDS };
const LABEL_TABLE: RecordTable = { fields: LABEL_FIELDS };
const COMMENT_TABLE: RecordTable = { fields: COMMENT_FIELDS };

/** Every column of a kind's table in order: its id, its fields, then the bookkeeping. */
function tableColumns(table: RecordTable): Column[] {
  return [
    { column: 'id', type: 'uuid' },
    ...table.fields.map((f) => FIELD_COLUMNS[f]),
    { column: 'clock', type: 'jsonb' },
    { column: 'created_at', type: 'timestamptz' },
    { column: 'updated_at', type: 'timestamptz' },
    { column: 'version', type: 'bigint' },
  ];
}

function columnList(table: RecordTable): string {
  return tableColumns(table)
    .map((c) => c.column)
    .join(', ');
}

function recordsetColumns(table: RecordTable): string {
  return tableColumns(table)
    .map((c) => `${c.column} ${c.type}`)
    .join(', ');
}

export const TASK_COLUMNS = columnList(TASK_TABLE);
export const PROJECT_COLUMNS = columnList(PROJECT_TABLE);
export const SECTION_COLUMNS = columnList(SECTION_TABLE);
export const LABEL_COLUMNS = columnList(LABEL_TABLE);
export const COMMENT_COLUMNS = columnList(COMMENT_TABLE);

/** Column definitions for `jsonb_to_recordset(...) as r(<this>)`. */
export const RECORDSET_COLUMNS = recordsetColumns(TASK_TABLE);
export const PROJECT_RECORDSET_COLUMNS = recordsetColumns(PROJECT_TABLE);
export const SECTION_RECORDSET_COLUMNS = recordsetColumns(SECTION_TABLE);
export const LABEL_RECORDSET_COLUMNS = recordsetColumns(LABEL_TABLE);
export const COMMENT_RECORDSET_COLUMNS = recordsetColumns(COMMENT_TABLE);

export type TaskRow = Record<string, unknown> & {
  id: string;
  clock: Record<string, string>;
  created_at: Date | string;
  updated_at: Date | string;
  version: number | string;
};

function iso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return (value instanceof Date ? value : new Date(String(value))).toISOString();
}

const TIME_FIELDS = new Set(['completedAt', 'deletedAt', 'postedAt']);
const NUMBER_FIELDS = new Set(['priority', 'order']);

export function rowToRecord(row: TaskRow): TaskRecord {
  return readRow(row, TASK_TABLE) as TaskRecord;
}

export function rowToProject(row: TaskRow): ProjectRecord {
  return readRow(row, PROJECT_TABLE) as ProjectRecord;
}

export function rowToSection(row: TaskRow): SectionRecord {
  return readRow(row, SECTION_TABLE) as SectionRecord;
}

export function rowToLabel(row: TaskRow): LabelRecord {
  return readRow(row, LABEL_TABLE) as LabelRecord;
}

export function rowToComment(row: TaskRow): CommentRecord {
  return readRow(row, COMMENT_TABLE) as CommentRecord;
}

function readRow(
  row: TaskRow,
  table: RecordTable,
): TaskRecord | ProjectRecord | SectionRecord | LabelRecord | CommentRecord {
  const record: TaskRecord = {
    id: row.id,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    clock: { ...row.clock },
  };
  const out = record as Record<string, unknown>;
  for (const field of table.fields) {
    if (row.clock[field] === undefined) continue;
    const value = row[FIELD_COLUMNS[field].column];
    if (TIME_FIELDS.has(field)) out[field] = iso(value);
    else if (NUMBER_FIELDS.has(field)) out[field] = value === null ? null : Number(value);
    else out[field] = value ?? null;
  }
  return record;
}

/** A record as one element of the JSON array that a multi-row upsert reads with jsonb_to_recordset. */
export function recordToRow(record: TaskRecord, version: number): Record<string, unknown> {
  return writeRow(record, version, TASK_TABLE);
}

export function projectToRow(record: ProjectRecord, version: number): Record<string, unknown> {
  return writeRow(record, version, PROJECT_TABLE);
}

export function sectionToRow(record: SectionRecord, version: number): Record<string, unknown> {
  return writeRow(record, version, SECTION_TABLE);
}

export function labelToRow(record: LabelRecord, version: number): Record<string, unknown> {
  return writeRow(record, version, LABEL_TABLE);
}

export function commentToRow(record: CommentRecord, version: number): Record<string, unknown> {
  return writeRow(record, version, COMMENT_TABLE);
}

function writeRow(
  record: TaskRecord | ProjectRecord | SectionRecord | LabelRecord | CommentRecord,
  version: number,
  table: RecordTable,
): Record<string, unknown> {
  const clock = record.clock as Record<string, string | undefined>;
  const values = record as Record<string, unknown>;
  const row: Record<string, unknown> = {
    id: record.id,
    clock: record.clock,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    version,
  };
  for (const field of table.fields) {
    row[FIELD_COLUMNS[field].column] = clock[field] === undefined ? null : (values[field] ?? null);
  }
  return row;
}
