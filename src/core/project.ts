// The project: a record of its own, synced per field like a task, so renaming a project is one write to
// it and never a rewrite of its tasks (they hold its id in `projectId`). Validated by zod/mini on every
// side, like the task.
import * as z from 'zod/mini';
import { formatHlc } from './hlc';
import type { HierarchyNode } from './hierarchy';
import { checkParent, parentLinks } from './hierarchy';
import type { ParentProblem } from './hierarchy';
import { isoSchema, nameSchema } from './task';
import type { ProjectMutation } from './merge';

/** Named colours, not hex: the stylesheet gives each one a shade that passes contrast in both themes. */
export const PROJECT_COLOURS = [
  'grey',
  'red',
  'orange',
  'yellow',
  'green',
  'teal',
  'blue',
  'purple',
  'pink',
] as const;
export type ProjectColour = (typeof PROJECT_COLOURS)[number];

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
  order: z.number().check(z.refine(Number.isFinite, 'Order must be a finite number')),
  archived: z.boolean({ error: 'Archived must be true or false' }),
  /** The project this one sits under; cycles and depth are checked like sub-tasks (hierarchy.ts). */
  parentId: z.nullable(z.uuid({ error: 'Parent must be a project id' })),
  deletedAt: z.nullable(isoSchema),
});

export const projectSchema = z
  .extend(projectFieldsSchema, {
    id: z.uuid({ error: 'Must be a UUID' }),
    createdAt: isoSchema,
    updatedAt: isoSchema,
  })
  .check(
    z.refine((p) => p.parentId !== p.id, {
      message: 'A project cannot be its own sub-project',
      path: ['parentId'],
    }),
  );

export type ProjectFields = z.infer<typeof projectFieldsSchema>;
export type Project = z.infer<typeof projectSchema>;

export const projectChangesSchema = z.strictObject(z.partial(projectFieldsSchema).shape);
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
  return projectSchema.parse({
    ...DEFAULT_PROJECT_FIELDS,
    ...fields,
    id: ids.id,
    createdAt: ids.now,
    updatedAt: ids.now,
  });
}

/** The project a view can show, or null while the record still lacks its name. */
export function toProject(record: ProjectRecord): Project | null {
  const { clock: _clock, ...rest } = record;
  const parsed = projectSchema.safeParse({ ...DEFAULT_PROJECT_FIELDS, ...rest });
  return parsed.success ? parsed.data : null;
}

/** Two names are one project's when they differ only in case or surrounding space. */
export function projectNameKey(name: string): string {
  return name.trim().toLowerCase();
}

/** 32-bit FNV-1a over the UTF-16 code units, from a given offset basis. */
function fnv1a(text: string, basis: number): number {
  let hash = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

const BASES = [0x811c9dc5, 0x050c5d1f, 0x2b5e8a33, 0x6d2b79f5];

/**
 * The id a project named `name` gets when it comes from a name (a legacy task's `project`, a REST call,
 * a quick-add `#Name`): a UUIDv8 hashed from the name's key. Two devices that turn the same name into a
 * project offline make the same record, so the merge joins them instead of leaving two "Work"s.
 */
export function projectIdForName(name: string): string {
  const key = `project:${projectNameKey(name)}`;
  const hex = BASES.map((b) => fnv1a(key, b).toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The project a task is in: its `projectId`, else the project its legacy `project` name resolves to
 * (older clients and REST callers write names; `projectIdForName` is the record those names became).
 */
export function effectiveProjectId(task: {
  projectId?: string | null;
  project?: string | null;
}): string | null {
  if (task.projectId) return task.projectId;
  return task.project ? projectIdForName(task.project) : null;
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

/** The node id of the writes that turn legacy names into projects: no device's, the same on all. */
export const LEGACY_PROJECT_NODE = '0000000000000000';

/**
 * The writes that make a project record for each legacy project name among `tasks` (tasks that carry a
 * name and no `projectId`) which `known` does not have yet. Every device (and the page's database
 * upgrade) computes the same record for the same name: the id hashed from the name, stamped at the
 * earliest task's creation under LEGACY_PROJECT_NODE, so replicas that migrate alike write alike, and a
 * later rename (stamped now) wins over them everywhere. The mutation id names the stamp, so two devices
 * that saw different earliest tasks still send two writes the server merges, never one it drops as a replay.
 */
export function legacyProjectMutations(
  tasks: Iterable<{ project?: string | null; projectId?: string | null; createdAt: string }>,
  known: (projectId: string) => boolean,
): ProjectMutation[] {
  const earliest = new Map<string, { name: string; createdAt: string }>();
  for (const task of tasks) {
    if (task.projectId || !task.project) continue;
    const id = projectIdForName(task.project);
    if (known(id)) continue;
    const seen = earliest.get(id);
    if (
      !seen ||
      task.createdAt < seen.createdAt ||
      (task.createdAt === seen.createdAt && task.project < seen.name)
    )
      earliest.set(id, { name: task.project, createdAt: task.createdAt });
  }
  return [...earliest]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, { name, createdAt }]) => {
      const millis = Math.max(0, Date.parse(createdAt) || 0);
      const hlc = formatHlc({ millis, counter: 0, node: LEGACY_PROJECT_NODE });
      const project = createProject({ name }, { id, now: new Date(millis).toISOString() });
      const { id: _id, createdAt: _c, updatedAt: _u, ...changes } = project;
      return { id: `legacy-${id}-${hlc}`, taskId: id, hlc, changes, kind: 'project' as const };
    });
}
