// The flat model behind a virtualised task list: headings and task rows with fixed heights, their
// pixel offsets, the visible window for a scroll position, and reorder neighbours within a group.
import type { Task } from '../../core/task';

export type ListItem =
  | { kind: 'heading'; key: string; label: string; count: number; tone?: 'danger' }
  | {
      kind: 'task';
      key: string;
      task: Task;
      group: string;
      /** Tree level: 1 at top level, 2 for a sub-task shown under its parent... (1 when omitted). */
      level?: number;
      /** The parent it is shown under, if any. */
      parentId?: string | null;
      /** Sub-tasks shown under it in this list, counted even while collapsed. */
      children?: number;
    };

export const ROW_HEIGHT = 56;
const HEADING_HEIGHT = 48;

function itemHeight(item: ListItem): number {
  return item.kind === 'task' ? ROW_HEIGHT : HEADING_HEIGHT;
}

interface ListLayout {
  /** offsets[i] is the top of item i; offsets[n] is the total height. */
  offsets: Float64Array;
  total: number;
}

export function layoutItems(items: ListItem[]): ListLayout {
  const offsets = new Float64Array(items.length + 1);
  for (let i = 0; i < items.length; i++) offsets[i + 1] = offsets[i] + itemHeight(items[i]);
  return { offsets, total: offsets[items.length] };
}

/**
 * While item `from` is dragged by `dy`, how far item `index` is drawn from its place: the dragged one
 * follows the pointer; the others it has passed (its middle beyond their near edge, as the drop counts
 * them) step aside by its height, leaving a gap where it would land.
 */
export function dragShift(layout: ListLayout, from: number, dy: number, index: number): number {
  if (index === from) return dy;
  const height = layout.offsets[from + 1] - layout.offsets[from];
  const middle = layout.offsets[from] + dy + height / 2;
  if (index > from && layout.offsets[index] < middle) return -height;
  if (index < from && layout.offsets[index + 1] > middle) return height;
  return 0;
}

/** Index of the last item whose top is <= y (binary search). */
export function itemAt(offsets: Float64Array, count: number, y: number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid] <= y) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

/** The [start, end) slice to render for a viewport, with `overscan` extra items on each side. */
export function visibleRange(
  layout: ListLayout,
  count: number,
  scrollTop: number,
  viewportHeight: number,
  overscan = 6,
): { start: number; end: number } {
  if (count === 0) return { start: 0, end: 0 };
  const first = itemAt(layout.offsets, count, Math.max(0, scrollTop));
  const last = itemAt(layout.offsets, count, scrollTop + viewportHeight);
  return { start: Math.max(0, first - overscan), end: Math.min(count, last + 1 + overscan) };
}

/** Scroll position that brings item `index` fully into view, or null when it already is. */
export function scrollToReveal(
  layout: ListLayout,
  index: number,
  scrollTop: number,
  viewportHeight: number,
): number | null {
  const top = layout.offsets[index];
  const bottom = layout.offsets[index + 1];
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return bottom - viewportHeight;
  return null;
}

export function taskItems(items: ListItem[]): Extract<ListItem, { kind: 'task' }>[] {
  return items.filter((i): i is Extract<ListItem, { kind: 'task' }> => i.kind === 'task');
}

/**
 * Neighbours after moving task `id` by `delta` places inside its group (as displayed), or null
 * when it cannot move further that way.
 */
export function reorderNeighbours(
  items: ListItem[],
  id: string,
  delta: number,
): { above: Task | null; below: Task | null } | null {
  const tasks = taskItems(items);
  const from = tasks.findIndex((i) => i.task.id === id);
  if (from < 0 || delta === 0) return null;
  const group = tasks[from].group;
  const peers = tasks.filter((i) => i.group === group).map((i) => i.task);
  const index = peers.findIndex((t) => t.id === id);
  const target = Math.max(0, Math.min(peers.length - 1, index + delta));
  if (target === index) return null;
  const rest = peers.filter((t) => t.id !== id);
  return { above: rest[target - 1] ?? null, below: rest[target] ?? null };
}

/** Where Tab (indent) or Shift+Tab (outdent) would put a task, or null when it cannot move that way. */
export function indentTarget(
  items: ListItem[],
  id: string,
  direction: 'in' | 'out',
): { parentId: string | null; parent: Task | null } | null {
  const tasks = taskItems(items);
  const index = tasks.findIndex((i) => i.task.id === id);
  if (index < 0) return null;
  const entry = tasks[index];
  const level = entry.level ?? 1;
  const parentId = entry.parentId ?? null;
  if (direction === 'out') {
    if (parentId === null) return null;
    const parent = tasks.find((i) => i.task.id === parentId);
    const grandparentId = parent?.parentId ?? null;
    const grandparent = tasks.find((i) => i.task.id === grandparentId)?.task ?? null;
    return { parentId: grandparentId, parent: grandparent };
  }
  // The sibling shown just above it (same parent, same group) becomes its parent.
  for (let i = index - 1; i >= 0; i--) {
    const above = tasks[i];
    if (above.group !== entry.group || (above.level ?? 1) < level) return null;
    if ((above.level ?? 1) === level && (above.parentId ?? null) === parentId)
      return { parentId: above.task.id, parent: above.task };
  }
  return null;
}

/**
 * The group shown just above (-1) or below (+1) the group of task `id`, or null at either end: where
 * Alt+Arrow moves a task that is already first or last in its group (a project's next section).
 */
export function adjacentGroup(items: ListItem[], id: string, delta: -1 | 1): string | null {
  const at = items.findIndex((i) => i.kind === 'task' && i.task.id === id);
  if (at < 0) return null;
  const own = groupOf(items[at]);
  for (let i = at + delta; i >= 0 && i < items.length; i += delta) {
    const group = groupOf(items[i]);
    if (group !== own) return group;
  }
  return null;
}

/** The group of the item at a list position (a heading belongs to the group it heads). */
export function groupOf(item: ListItem): string {
  return item.kind === 'task' ? item.group : item.key.replace(/^h:/, '');
}
