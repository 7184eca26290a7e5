// How the page reads a task's project: tasks hold its id, and what a view shows is its current name.
import { effectiveProjectId } from '../core/project-id';
import type { ProjectRecord } from '../core/project';
import type { Task } from '../core/task';
import type { TendDb } from './database';
import { storedToTask } from './task-index';
import type { StoredTask } from './task-index';

/**
 * How views see projects. Tasks hold a project id; a view shows the project's current name in the task's
 * `project`, so filters (`#Work`), grouping and chips read names as before. A task whose project is
 * deleted (or not arrived yet) is in the Inbox until the project is back.
 */
export interface ProjectLookup {
  /** Live projects by id. */
  live: Map<string, ProjectRecord>;
  /** Ids whose tasks the Inbox shows: deleted projects. */
  gone: string[];
  read: (stored: StoredTask) => Task;
  /** The same for a task the store has just written. */
  name: (task: Task) => Task;
}

export async function projectLookup(db: TendDb): Promise<ProjectLookup> {
  const records = await db.projects.toArray();
  const live = new Map<string, ProjectRecord>();
  const gone: string[] = [];
  for (const r of records) {
    if (r.deletedAt) gone.push(r.id);
    else if (typeof r.name === 'string') live.set(r.id, r);
  }
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
  return { live, gone, name, read: (stored) => name(storedToTask(stored)) };
}
