// Maps between a task row (one column per field, a jsonb `clock`) and the shared TaskRecord of src/core.
// A field exists in the record exactly when its clock entry exists, so partial records survive a round trip.
import type { TaskRecord } from '../../src/core/merge';
import type { SyncedField } from '../../src/core/task';
import { SYNCED_FIELDS } from '../../src/core/task';

const FIELD_COLUMNS: Record<SyncedField, { column: string; type: string }> = {
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
};

export const TASK_COLUMNS = [
  'id',
  ...SYNCED_FIELDS.map((f) => FIELD_COLUMNS[f].column),
  'clock',
  'created_at',
  'updated_at',
  'version',
].join(', ');

/** Column definitions for `jsonb_to_recordset(...) as r(<this>)`. */
export const RECORDSET_COLUMNS = [
  'id uuid',
  ...SYNCED_FIELDS.map((f) => `${FIELD_COLUMNS[f].column} ${FIELD_COLUMNS[f].type}`),
  'clock jsonb',
  'created_at timestamptz',
  'updated_at timestamptz',
  'version bigint',
].join(', ');

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

export function rowToRecord(row: TaskRow): TaskRecord {
  const record: TaskRecord = {
    id: row.id,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    clock: { ...row.clock },
  };
  const out = record as Record<string, unknown>;
  for (const field of SYNCED_FIELDS) {
    if (row.clock[field] === undefined) continue;
    const value = row[FIELD_COLUMNS[field].column];
    if (field === 'completedAt' || field === 'deletedAt') out[field] = iso(value);
    else if (field === 'priority' || field === 'order')
      out[field] = value === null ? null : Number(value);
    else out[field] = value ?? null;
  }
  return record;
}

/** A record as one element of the JSON array that a multi-row upsert reads with jsonb_to_recordset. */
export function recordToRow(record: TaskRecord, version: number): Record<string, unknown> {
  const row: Record<string, unknown> = {
    id: record.id,
    clock: record.clock,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    version,
  };
  for (const field of SYNCED_FIELDS) {
    row[FIELD_COLUMNS[field].column] =
      record.clock[field] === undefined ? null : (record[field] ?? null);
  }
  return row;
}
