// Derived, indexed fields of a stored task. IndexedDB cannot index null, so the views' "no project",
// "not completed" and "not deleted" become plain values here, recomputed on every write to the table.
import type { TaskRecord } from '../core/merge';
import { effectiveLabelIds } from '../core/label-id';
import { effectiveProjectId } from '../core/project-id';
import { taskWords } from '../core/search-words';
import { DEFAULT_FIELDS, hasTitle } from '../core/task-shape';
import type { Task } from '../core/task';

/**
 * `partial`: a record still missing required fields (out-of-order sync); shown in no view.
 * `archived`: the server archived it and this device keeps it read-only (see archive.ts).
 */
type TaskStatus = 'open' | 'done' | 'deleted' | 'partial' | 'archived';

interface TaskIndexFields {
  status: TaskStatus;
  /** The project's id (a legacy name's: the id it resolves to), or '' for the Inbox. */
  projectKey: string;
  /** Label ids of open tasks only (a legacy name's: the id it resolves to), so label views and counts use one multiEntry index. */
  openLabels: string[];
  /**
   * The distinct words of an open or completed task (title, notes, labels; none for the others):
   * a multiEntry index that answers a search by word prefix before the in-memory index is built.
   */
  words: string[];
  /** Local only: when this device learned the server archived the task. */
  archivedAt?: string;
}

export type StoredTask = TaskRecord & TaskIndexFields;

function taskStatus(record: TaskRecord & { archivedAt?: string }): TaskStatus {
  if (record.archivedAt) return 'archived';
  if (record.deletedAt) return 'deleted';
  // Writes are validated before they get here, so a missing title is the only way to be partial.
  if (!hasTitle(record)) return 'partial';
  return record.completedAt ? 'done' : 'open';
}

export function withIndexFields(record: TaskRecord): StoredTask {
  const status = taskStatus(record);
  return {
    ...record,
    status,
    projectKey: effectiveProjectId(record) ?? '',
    openLabels: status === 'open' ? effectiveLabelIds(record) : [],
    words: status === 'open' || status === 'done' ? taskWords(record) : [],
  };
}

/** The record as merge.ts knows it: index fields removed. */
export function toTaskRecord(stored: StoredTask | TaskRecord): TaskRecord {
  const {
    status: _status,
    projectKey: _projectKey,
    openLabels: _openLabels,
    words: _words,
    archivedAt: _archivedAt,
    ...record
  } = stored as StoredTask;
  return record;
}

/**
 * A stored task as a view shows it, without re-validating: every non-partial record was validated
 * when written, and a zod parse per row would cost more than the query on 10,000 tasks.
 */
export function storedToTask(stored: StoredTask): Task {
  const {
    clock: _clock,
    status: _status,
    projectKey: _projectKey,
    openLabels: _openLabels,
    words: _words,
    archivedAt: _archivedAt,
    ...fields
  } = stored;
  return { ...DEFAULT_FIELDS, ...fields } as Task;
}
