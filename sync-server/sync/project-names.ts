// Project names at the REST edge. Tasks point at project records by id; a REST client may still send a
// project by name (`project: "Work"`), as older clients did. The name resolves to the caller's live
// project of that name (ignoring case and surrounding space; the earliest made if several), or else
// becomes a new project with the id the name hashes to (`projectIdForName`), which is the record the
// devices turn the same legacy name into: a name never makes two projects. Replies carry both the id
// and the project's current name.
import type { TaskRecord } from '../../src/core/merge';
import { effectiveProjectId, projectIdForName, projectNameKey } from '../../src/core/project';
import type { Queryable } from '../db/types';

export interface ProjectRef {
  id: string;
  name: string | null;
  deleted: boolean;
}

/** The caller's projects (a handful): id, current name, whether deleted. */
export async function loadProjectRefs(tx: Queryable): Promise<Map<string, ProjectRef>> {
  const rows = await tx.query<{ id: string; name: string | null; deleted_at: unknown }>(
    `select id, name, deleted_at from public.projects where owner = auth.uid()
      order by created_at, id`,
  );
  return new Map(
    rows.map((r) => [r.id, { id: r.id, name: r.name, deleted: r.deleted_at !== null }]),
  );
}

/**
 * The project a name means for this caller: `existing` when a live project has that name, else the id a
 * new project gets (`create`): the name's hash, or a fresh id when a renamed project already holds it.
 */
export function resolveProjectName(
  refs: ReadonlyMap<string, ProjectRef>,
  name: string,
  newId: () => string,
): { id: string; create: boolean } {
  const key = projectNameKey(name);
  for (const ref of refs.values())
    if (!ref.deleted && ref.name !== null && projectNameKey(ref.name) === key)
      return { id: ref.id, create: false };
  const hashed = projectIdForName(name);
  return { id: refs.has(hashed) ? newId() : hashed, create: true };
}

/** A task as REST shows it: `projectId` and, in `project`, that project's current name. */
export function withProjectName<T extends Partial<TaskRecord>>(
  task: T,
  refs: ReadonlyMap<string, ProjectRef>,
): T {
  const id = effectiveProjectId(task);
  if (id === null) return task;
  const ref = refs.get(id);
  return { ...task, projectId: id, project: ref?.name ?? task.project ?? null };
}
