// How the page reads a task's project and labels: tasks hold their ids, and what a view shows is their
// current names.
import { effectiveLabelIds, labelNames } from '../core/label-id';
import type { LabelRecord } from '../core/label';
import { nameKey } from '../core/name-id';
import { effectiveProjectId } from '../core/project-id';
import type { ProjectRecord } from '../core/project';
import type { Task } from '../core/task';
import type { TendDb } from './database';
import { storedToTask } from './task-index';
import type { StoredTask } from './task-index';

/**
 * How views see projects and labels. Tasks hold a project id and label ids; a view shows the project's
 * current name in the task's `project` and the labels' current names in `labels`, so filters (`#Work`,
 * `@errands`), grouping, search and chips read names as before. A task whose project is deleted (or not
 * arrived yet) is in the Inbox until the project is back; a deleted label is shown on no task.
 */
export interface ProjectLookup {
  /** Live projects by id. */
  live: Map<string, ProjectRecord>;
  /** Ids whose tasks the Inbox shows: deleted projects. */
  gone: string[];
  /** Live labels by id. */
  labels: Map<string, LabelRecord>;
  read: (stored: StoredTask) => Task;
  /** The same for a task the store has just written. */
  name: (task: Task) => Task;
}

export async function projectLookup(db: TendDb): Promise<ProjectLookup> {
  const [records, labelRecords] = await Promise.all([db.projects.toArray(), db.labels.toArray()]);
  return lookupFrom(records, labelRecords);
}

/** The lookup over the stored project and label records, however they were read. */
export function lookupFrom(records: ProjectRecord[], labelRecords: LabelRecord[]): ProjectLookup {
  const live = new Map<string, ProjectRecord>();
  const gone: string[] = [];
  for (const r of records) {
    if (r.deletedAt) gone.push(r.id);
    else if (typeof r.name === 'string') live.set(r.id, r);
  }
  const labels = new Map<string, LabelRecord>();
  for (const r of labelRecords) if (!r.deletedAt && typeof r.name === 'string') labels.set(r.id, r);
  const withLabels = (task: Task, clock?: StoredTask['clock']): Task =>
    task.labels.length === 0 && !task.labelIds?.length
      ? task
      : { ...task, labels: labelNames(effectiveLabelIds({ ...task, clock }), labels) };
  const name = (task: Task): Task => {
    const id = effectiveProjectId(task);
    if (id === null) return task;
    const project = live.get(id);
    return project
      ? { ...task, projectId: id, project: project.name as string }
      : {
          ...task,
          projectId: null,
          project: null,
        };
  };
  return {
    live,
    gone,
    labels,
    name: (task) => withLabels(name(task)),
    read: (stored) => withLabels(name(storedToTask(stored)), stored.clock),
  };
}

/** Ids of the live labels named `name` (ignoring case and surrounding space). */
export function labelIdsNamed(lookup: ProjectLookup, name: string): string[] {
  const key = nameKey(name);
  return [...lookup.labels.values()]
    .filter((l) => nameKey(l.name as string) === key)
    .map((l) => l.id);
}
