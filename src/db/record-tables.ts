// Which table holds a record of a kind: the outbox holds writes to tasks, projects, sections, labels and comments alike, and the
// steps that touch the record behind a write (discard, re-stamp, resync) find it here.
import type { Table } from 'dexie';
import type { AnyRecord, RecordKind } from '../core/merge';
import type { TendDb } from './database';
import { toTaskRecord } from './task-index';
import type { StoredTask } from './task-index';

export function recordTable(
  db: TendDb,
  kind: RecordKind | undefined,
): Table<AnyRecord | StoredTask, string> {
  const table =
    kind === 'project'
      ? db.projects
      : kind === 'section'
        ? db.sections
        : kind === 'label'
          ? db.labels
          : kind === 'comment'
            ? db.comments
            : db.tasks;
  return table as Table<AnyRecord | StoredTask, string>;
}

/** The record as the merge knows it (a stored task loses its index fields). */
export function storedRecord(stored: AnyRecord | StoredTask): AnyRecord {
  return 'status' in stored ? toTaskRecord(stored) : stored;
}
