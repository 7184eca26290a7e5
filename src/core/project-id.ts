// Project ids from names, and the records legacy project names become: zod-free, so the page's first
// paint and its database upgrade can use them without loading validation.
import { formatHlc } from './hlc';
import type { ProjectMutation } from './merge';
import type { ProjectChanges, ProjectRecord } from './project';

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
      // Legacy names were validated as task fields, by the same rules as a project name: no parse.
      const changes: ProjectChanges = { ...LEGACY_DEFAULTS, name: name.trim() };
      return { id: `legacy-${id}-${hlc}`, taskId: id, hlc, changes, kind: 'project' as const };
    });
}

/** What `applyMutation(undefined, write)` makes of a legacy write (a test holds the two equal). */
export function legacyProjectRecord(write: ProjectMutation): ProjectRecord {
  const at = write.hlc.slice(0, 24);
  const clock = Object.fromEntries(Object.keys(write.changes).map((f) => [f, write.hlc]));
  return { ...write.changes, id: write.taskId, createdAt: at, updatedAt: at, clock };
}
