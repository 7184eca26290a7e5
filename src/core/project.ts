// The project: a record of its own, synced per field like a task, so renaming a project is one write to
// it and never a rewrite of its tasks (they hold its id in `projectId`). Validated by zod/mini on every
// side, like the task.
import * as z from 'zod/mini';
import type { HierarchyNode } from './hierarchy';
import { checkParent, parentLinks } from './hierarchy';
import type { ParentProblem } from './hierarchy';
import { PROJECT_COLOURS } from './project-id';
import {
  changesSchemaOf,
  createRecord,
  isoSchema,
  nameSchema,
  notOwnParent,
  orderSchema,
  readRecord,
  recordIdentity,
} from './record-schema';

// The zod-free half (ids from names, legacy names) loads with the first paint: see project-id.ts.
export type { ProjectColour } from './project-id';
export {
  PROJECT_COLOURS,
  effectiveProjectId,
  legacyProjectMutations,
  projectIdForName,
  projectNameKey,
} from './project-id';

/** The project fields that sync; each carries its own last-writer-wins timestamp. */
export const PROJECT_FIELDS = [
  'name',
  'colour',
  'order',
  'archived',
  'parentId',
  'deletedAt',
] as const;
export type ProjectField = (typeof PROJECT_FIELDS)[number];
export type ProjectClock = Partial<Record<ProjectField, string>>;

export const projectFieldsSchema = z.object({
  name: nameSchema,
  colour: z.enum(PROJECT_COLOURS, { error: 'Colour must be one of the named colours' }),
  order: orderSchema,
  archived: z.boolean({ error: 'Archived must be true or false' }),
  /** The project this one sits under; cycles and depth are checked like sub-tasks (hierarchy.ts). */
  parentId: z.nullable(z.uuid({ error: 'Parent must be a project id' })),
  deletedAt: z.nullable(isoSchema),
});

export const projectSchema = z
  .extend(projectFieldsSchema, recordIdentity)
  .check(notOwnParent('A project cannot be its own sub-project'));

export type ProjectFields = z.infer<typeof projectFieldsSchema>;
export type Project = z.infer<typeof projectSchema>;

export const projectChangesSchema = changesSchemaOf(projectFieldsSchema);
export type ProjectChanges = z.infer<typeof projectChangesSchema>;

export const DEFAULT_PROJECT_FIELDS: Omit<ProjectFields, 'name'> = {
  colour: 'grey',
  order: 0,
  archived: false,
  parentId: null,
  deletedAt: null,
};

/** A project as replicas store it: fields may be partial while an out-of-order delivery is pending. */
export type ProjectRecord = Partial<ProjectFields> & {
  id: string;
  createdAt: string;
  updatedAt: string;
  clock: ProjectClock;
};

export function createProject(
  fields: Partial<ProjectFields> & { name: string },
  ids: { id: string; now: string },
): Project {
  return createRecord(projectSchema, DEFAULT_PROJECT_FIELDS, fields, ids);
}

/** The project a view can show, or null while the record still lacks its name. */
export function toProject(record: ProjectRecord): Project | null {
  return readRecord(projectSchema, DEFAULT_PROJECT_FIELDS, record);
}

/** Whether `projectId` may sit under `parentId` among `projects` (live ones): no cycle, at most 4 deep. */
export function checkProjectParent(
  projects: Iterable<HierarchyNode & { deletedAt?: string | null }>,
  projectId: string,
  parentId: string | null,
): ParentProblem | null {
  const live = [...projects].map((p) => ({ id: p.id, parentId: p.deletedAt ? null : p.parentId }));
  return checkParent(parentLinks(live), projectId, parentId);
}
