// The projects store: every local action on project records. Like the tasks store, each write validates
// with the core schema, merges through the one `applyMutation` and stores the record with its outbox
// entry in one transaction. Deleting a project deletes its tasks in the same transaction, so one Undo
// (`restoreProject` with what `deleteProject` returned) brings both back.
import type { AnyRecord, TaskRecord } from '../core/merge';
import type { Clock } from '../core/hlc';
import {
  checkProjectParent,
  createProject,
  projectChangesSchema,
  projectIdForName,
  toProject,
} from '../core/project';
import type { Project, ProjectChanges, ProjectRecord } from '../core/project';
import type { TendDb } from './database';
import { InvalidProjectParentError, ProjectNotFoundError, ProjectValidationError } from './errors';
import { findLiveByName } from '../core/name-id';
import { createNamedWrites, createRecordStore } from './record-store';
import type { RecordStoreOptions } from './record-store';
import { validated } from './validated';
import { toTaskRecord } from './task-index';

/** What a project deletion took with it, for its Undo. */
export interface DeletedProject {
  projectId: string;
  taskIds: string[];
}

export interface ProjectsStore {
  /** A new project at the end of the list; its id is the name's hash unless another record holds it. */
  addProject(fields: Partial<ProjectChanges> & { name: string }): Promise<Project>;
  /** Rename, recolour, archive, reorder or re-parent: one write to the project, none to its tasks. */
  updateProject(id: string, changes: ProjectChanges): Promise<Project>;
  /** Deletes the project and its tasks that were not deleted yet. */
  deleteProject(id: string): Promise<DeletedProject>;
  /** Undoes `deleteProject`: the project and exactly the tasks it took come back. */
  restoreProject(deleted: DeletedProject): Promise<Project>;
}

/** The live project named `name` (ignoring case and surrounding space) among `records`, if any. */
export const findProjectByName: (
  records: readonly ProjectRecord[],
  name: string,
) => ProjectRecord | undefined = findLiveByName;

/** The id a new project named `name` gets: the name's hash, or `newId()` when a record already holds it. */
export function newProjectId(
  records: readonly ProjectRecord[],
  name: string,
  newId: () => string,
): string {
  const hashed = projectIdForName(name);
  return records.some((r) => r.id === hashed) ? newId() : hashed;
}

export function createProjectsStore(options: RecordStoreOptions): ProjectsStore {
  const { db, newId, nowIso, transact, create, commit, ...store } = createRecordStore(
    'project',
    { read: toProject, NotFound: ProjectNotFoundError },
    options,
  );

  async function tasksIn(project: ProjectRecord): Promise<TaskRecord[]> {
    const stored = await db.tasks
      .where('[status+projectKey]')
      .anyOf([
        ['open', project.id],
        ['done', project.id],
      ])
      .toArray();
    return stored.map(toTaskRecord);
  }

  return {
    async addProject(fields) {
      return transact(async () => {
        const all = await db.projects.toArray();
        const order = Math.max(0, ...all.filter((r) => !r.deletedAt).map((r) => r.order ?? 0)) + 1;
        const id = newProjectId(all, fields.name, newId);
        const project = validated(
          () => createProject({ order, ...fields }, { id, now: nowIso() }),
          ProjectValidationError,
        );
        const created = create(project);
        await checkParent(all, created.record);
        await commit([created]);
        return project;
      });
    },
    async updateProject(id, changes) {
      const valid = validated(() => projectChangesSchema.parse(changes), ProjectValidationError);
      return store.update(id, valid, async (record) => {
        if ('parentId' in valid) await checkParent(await db.projects.toArray(), record);
      });
    },
    deleteProject: async (projectId) => ({
      projectId,
      taskIds: await store.deleteWithTasks(projectId, tasksIn),
    }),
    restoreProject: ({ projectId, taskIds }) => store.restoreWithTasks(projectId, taskIds),
  };

  async function checkParent(all: AnyRecord[], record: ProjectRecord): Promise<void> {
    const parentId = record.parentId ?? null;
    if (parentId === null) return;
    const projects = (all as ProjectRecord[]).map((p) => ({
      id: p.id,
      parentId: p.parentId ?? null,
      deletedAt: p.deletedAt ?? null,
    }));
    const parent = projects.find((p) => p.id === parentId);
    if (!parent || parent.deletedAt) throw new InvalidProjectParentError(record.id, 'missing');
    const problem = checkProjectParent(projects, record.id, parentId);
    if (problem) throw new InvalidProjectParentError(record.id, problem);
  }
}

/**
 * Task writes name projects (quick add's `#Work`, a move to "Work"); tasks point at records by id. Each
 * `project` name in `list` becomes `projectId` (the live project of that name, or a new one, written and
 * queued here) with `project: null`; `project: null` alone clears both. Call inside a transaction over
 * projects, outbox and meta.
 */
export async function resolveProjectNames<
  T extends { project?: string | null; projectId?: string | null },
>(db: TendDb, clock: Clock, newId: () => string, createdAt: string, list: T[]): Promise<T[]> {
  const named = (c: T) => typeof c.project === 'string' && !c.projectId;
  const cleared = (c: T) => c.project === null && c.projectId === undefined;
  if (!list.some((c) => named(c) || cleared(c))) return list;
  const all = await db.projects.toArray();
  const writes = createNamedWrites('project', db, clock, newId, createdAt);
  const resolved = list.map((changes) => {
    if (cleared(changes)) return { ...changes, projectId: null };
    if (!named(changes)) return changes;
    const name = changes.project as string;
    let record = findProjectByName(all, name);
    if (!record) {
      const id = newProjectId(all, name, newId);
      const order = Math.max(0, ...all.filter((r) => !r.deletedAt).map((r) => r.order ?? 0)) + 1;
      record = writes.create(
        validated(
          () => createProject({ name, order }, { id, now: createdAt }),
          ProjectValidationError,
        ),
      );
      all.push(record);
    }
    return { ...changes, project: null, projectId: record.id };
  });
  await writes.store();
  return resolved;
}
