// Project ids from names, and the records legacy project names become: zod-free, so the page's first
// paint and its database upgrade can use them without loading validation.
import { idForName, legacyNameWrites, nameKey } from './name-id';
import type { ProjectMutation } from './merge';
import type { ProjectChanges } from './project';

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

const LEGACY_DEFAULTS = {
  colour: 'grey',
  order: 0,
  archived: false,
  parentId: null,
  deletedAt: null,
} as const satisfies ProjectChanges;

/** Two names are one project's when they differ only in case or surrounding space. */
export const projectNameKey = nameKey;

/**
 * The id a project named `name` gets when it comes from a name (a legacy task's `project`, a REST call,
 * a quick-add `#Name`): the same on every device (name-id.ts).
 */
export function projectIdForName(name: string): string {
  return idForName('project', name);
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

/**
 * The writes that make a project record for each legacy project name among `tasks` (tasks that carry a
 * name and no `projectId`) which `known` does not have yet: the same record on every device (name-id.ts).
 */
export function legacyProjectMutations(
  tasks: Iterable<{ project?: string | null; projectId?: string | null; createdAt: string }>,
  known: (projectId: string) => boolean,
): ProjectMutation[] {
  const uses: { name: string; createdAt: string }[] = [];
  for (const task of tasks)
    if (!task.projectId && task.project)
      uses.push({ name: task.project, createdAt: task.createdAt });
  return legacyNameWrites('project', uses, known, (name): ProjectChanges => ({
    ...LEGACY_DEFAULTS,
    name,
  }));
}
