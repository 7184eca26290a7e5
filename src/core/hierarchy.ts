// Sub-tasks: a task's `parentId` names the task it belongs to, at most MAX_DEPTH levels deep, never in a
// cycle. Writes are checked with `checkParent` (the store before a local write, the server per pushed
// mutation); what replicas show is computed by `effectiveParents`, which holds whatever the merge produced.
//
// Merge rule (no orphans): `parentId` and `deletedAt` are separate last-writer-wins fields, so a parent
// deleted on one device while a sub-task is added or edited under it on another leaves an open task whose
// parent is deleted. Nothing rewrites that record: the sub-task is shown at top level, in its own project
// (which is its parent's: sub-tasks are created and indented into their parent's project), for as long as
// the parent stays deleted, and goes back under it when the parent is restored (Undo, history). Likewise a
// parent that is missing, a cycle made by concurrent indents (cut at its member with the smallest id), and a
// chain deeper than MAX_DEPTH (the deeper task starts a new top level). Because the rule is a pure function
// of the merged state, every replica shows the same tree as soon as it holds the same records.

/** Levels of a tree: a top-level task is level 1, its sub-task level 2, down to level 4 (Todoist's INDENT). */
export const MAX_DEPTH = 4;

export interface HierarchyNode {
  id: string;
  parentId: string | null;
}

/** Why a parent cannot be set; the UI and the server turn the code into words. */
export type ParentProblem = 'self' | 'cycle' | 'too_deep';

/**
 * Whether `taskId` may become a sub-task of `parentId`, given the current links (`parentOf` of every task
 * that has a parent; tasks it does not know are top-level). Checks the parent's ancestors for `taskId`
 * (a cycle) and the parent's level plus the height of the task's own sub-tree against MAX_DEPTH.
 */
export function checkParent(
  parentOf: ReadonlyMap<string, string | null>,
  taskId: string,
  parentId: string | null,
): ParentProblem | null {
  if (parentId === null) return null;
  if (parentId === taskId) return 'self';
  let level = 1;
  const seen = new Set<string>();
  for (let at: string | null = parentId; at !== null; at = parentOf.get(at) ?? null) {
    if (at === taskId) return 'cycle';
    // An existing cycle above the parent (made by concurrent edits) is not this write's doing.
    if (seen.has(at)) break;
    seen.add(at);
    if (at !== parentId) level += 1;
  }
  return level + subtreeHeight(parentOf, taskId) > MAX_DEPTH ? 'too_deep' : null;
}

/** Levels in the sub-tree under `taskId`, itself included (a task without sub-tasks has height 1). */
function subtreeHeight(parentOf: ReadonlyMap<string, string | null>, taskId: string): number {
  const children = childrenIndex(parentOf);
  let height = 0;
  let level = [taskId];
  const seen = new Set(level);
  while (level.length > 0) {
    height += 1;
    level = level.flatMap((id) => children.get(id) ?? []).filter((id) => !seen.has(id));
    for (const id of level) seen.add(id);
  }
  return height;
}

/** Every task under `taskId` (children, their children...), nearest first. */
export function descendantsOf(
  parentOf: ReadonlyMap<string, string | null>,
  taskId: string,
): string[] {
  const children = childrenIndex(parentOf);
  const out: string[] = [];
  const seen = new Set([taskId]);
  for (let i = -1; i < out.length; i++) {
    for (const child of children.get(i < 0 ? taskId : out[i]) ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      out.push(child);
    }
  }
  return out;
}

function childrenIndex(parentOf: ReadonlyMap<string, string | null>): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const [id, parent] of parentOf) {
    if (parent === null) continue;
    const list = children.get(parent) ?? [];
    list.push(id);
    children.set(parent, list);
  }
  return children;
}

/** `parentOf` over any list of nodes. */
export function parentLinks(nodes: Iterable<HierarchyNode>): Map<string, string | null> {
  const links = new Map<string, string | null>();
  for (const node of nodes) links.set(node.id, node.parentId);
  return links;
}

/**
 * The parent each task is shown under among `tasks` (the ones a view or replica shows; leave deleted
 * tasks out): its own `parentId` when that task is present, not in a cycle, and above MAX_DEPTH; else
 * null (top level). Deterministic: depends only on the set of tasks, not on their order.
 */
export function effectiveParents(tasks: Iterable<HierarchyNode>): Map<string, string | null> {
  const raw = new Map<string, string | null>();
  const all = [...tasks];
  const present = new Set(all.map((t) => t.id));
  for (const t of all)
    raw.set(t.id, t.parentId !== null && present.has(t.parentId) ? t.parentId : null);
  cutCycles(raw);

  const level = new Map<string, number>();
  const result = new Map<string, string | null>();
  for (const t of all) {
    // Walk up to a task whose level is known (or a root), then assign levels on the way down.
    const path: string[] = [];
    let at: string | null = t.id;
    while (at !== null && !level.has(at)) {
      path.push(at);
      at = raw.get(at) ?? null;
    }
    let above = at === null ? 0 : (level.get(at) as number);
    for (let i = path.length - 1; i >= 0; i--) {
      const id = path[i];
      const parent = raw.get(id) ?? null;
      if (parent === null || above >= MAX_DEPTH) {
        result.set(id, null);
        above = 1;
      } else {
        result.set(id, parent);
        above += 1;
      }
      level.set(id, above);
    }
  }
  return result;
}

/** Each task has one parent, so cycles are disjoint: cut each at its smallest id (order-independent). */
function cutCycles(raw: Map<string, string | null>): void {
  const done = new Set<string>();
  for (const start of raw.keys()) {
    const onPath = new Map<string, number>();
    const path: string[] = [];
    let at: string | null = start;
    while (at !== null && !done.has(at) && !onPath.has(at)) {
      onPath.set(at, path.length);
      path.push(at);
      at = raw.get(at) ?? null;
    }
    if (at !== null && onPath.has(at)) {
      const cycle = path.slice(onPath.get(at));
      const cut = cycle.reduce((min, id) => (id < min ? id : min));
      raw.set(cut, null);
    }
    for (const id of path) done.add(id);
  }
}

interface TreeEntry<T> {
  task: T;
  /** 1 for top level. */
  level: number;
  /** The parent it is shown under, or null. */
  parentId: string | null;
  /** Sub-tasks shown directly under it (counted even when it is collapsed). */
  children: number;
}

/**
 * Tasks in tree order: each top-level task (in the order given) followed by its sub-tasks, depth first,
 * siblings in the order given. The sub-trees of tasks in `collapsed` are left out.
 */
export function flattenTree<T extends HierarchyNode>(
  tasks: readonly T[],
  collapsed: ReadonlySet<string> = new Set(),
): TreeEntry<T>[] {
  const parents = effectiveParents(tasks);
  const children = new Map<string, T[]>();
  const roots: T[] = [];
  for (const task of tasks) {
    const parent = parents.get(task.id) ?? null;
    if (parent === null) roots.push(task);
    else children.set(parent, [...(children.get(parent) ?? []), task]);
  }
  const out: TreeEntry<T>[] = [];
  const visit = (task: T, level: number, parentId: string | null) => {
    const below = children.get(task.id) ?? [];
    out.push({ task, level, parentId, children: below.length });
    if (!collapsed.has(task.id)) for (const child of below) visit(child, level + 1, task.id);
  };
  for (const root of roots) visit(root, 1, null);
  return out;
}
