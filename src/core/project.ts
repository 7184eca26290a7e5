// The project: a record of its own, synced per field like a task, so renaming a project is one write to
// it and never a rewrite of its tasks (they hold its id in `projectId`). Validated by zod/mini on every
// side, like the task.
import * as z from 'zod/mini';
import type { HierarchyNode } from './hierarchy';
import { checkParent, parentLinks } from './hierarchy';
import type { ParentProblem } from './hierarchy';
import { PROJECT_COLOURS } from './project-id';
import { isoSchema, nameSchema, orderSchema, recordKind } from './record-schema';
import type { StoredRecord } from './record-schema';

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

const projectFieldsSchema = z.object({
  name: nameSchema,
  colour: z.enum(PROJECT_COLOURS, { error: 'Colour must be one of the named colours' }),
  order: orderSchema,
  archived: z.boolean({ error: 'Archived must be true or false' }),
  /** The project this one sits under; cycles and depth are checked like sub-tasks (hierarchy.ts). */
  parentId: z.nullable(z.uuid({ error: 'Parent must be a project id' })),
  deletedAt: z.nullable(isoSchema),
});

const project = recordKind(
  projectFieldsSchema,
  { colour: 'grey', order: 0, archived: false, parentId: null, deletedAt: null },
  'A project cannot be its own sub-project',
);

export const projectSchema = project.schema;
export const projectChangesSchema = project.changesSchema;
export type Project = z.infer<typeof projectSchema>;
export type ProjectChanges = z.infer<typeof projectChangesSchema>;
export type ProjectRecord = StoredRecord<z.infer<typeof projectFieldsSchema>>;

export const createProject = project.create;

/** The project a view can show, or null while the record still lacks its name. */
export const toProject = project.read;

/** Whether `projectId` may sit under `parentId` among `projects` (live ones): no cycle, at most 4 deep. */
export function checkProjectParent(
  projects: Iterable<HierarchyNode & { deletedAt?: string | null }>,
  projectId: string,
  parentId: string | null,
): ParentProblem | null {
  const live = [...projects].map((p) => ({ id: p.id, parentId: p.deletedAt ? null : p.parentId }));
  return checkParent(parentLinks(live), projectId, parentId);
}
