import { describe, expect, it } from 'vitest';
import { createTask } from '../../core/task';
import type { Task } from '../../core/task';
import {
  ROW_HEIGHT,
  adjacentGroup,
  dragShift,
  groupOf,
  indentTarget,
  layoutItems,
  reorderNeighbours,
  scrollToReveal,
  visibleRange,
} from './list-model';
import type { ListItem } from './list-model';

const task = (n: number): Task =>
  createTask(
    { title: `Task ${n}`, order: n },
    {
      id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      now: '2026-11-26T09:00:00.000Z',
    },
  );

function rows(count: number, group = 'all'): ListItem[] {
  return Array.from({ length: count }, (_, i) => ({
    kind: 'task',
    key: `t${i}`,
    task: task(i),
    group,
  }));
}

describe('dragShift', () => {
  it('moves the dragged row with the pointer and the rows it passes aside, as the drop counts them', () => {
    const items = rows(4);
    const layout = layoutItems(items);
    const shifts = (from: number, dy: number) =>
      items.map((_, i) => dragShift(layout, from, dy, i));
    expect(shifts(0, 0)).toEqual([0, 0, 0, 0]);
    // Down 1.2 rows: one row passed (the drop's Math.round(1.2) = 1) steps up into the gap left behind.
    expect(shifts(0, 1.2 * ROW_HEIGHT)).toEqual([1.2 * ROW_HEIGHT, -ROW_HEIGHT, 0, 0]);
    expect(shifts(0, 2.4 * ROW_HEIGHT)).toEqual([2.4 * ROW_HEIGHT, -ROW_HEIGHT, -ROW_HEIGHT, 0]);
    // Up from the last row: the rows passed step down.
    expect(shifts(3, -1.6 * ROW_HEIGHT)).toEqual([0, ROW_HEIGHT, ROW_HEIGHT, -1.6 * ROW_HEIGHT]);
  });
});

describe('layout and visible window', () => {
  it('places rows and headings at cumulative offsets', () => {
    const items: ListItem[] = [
      { kind: 'heading', key: 'h', label: 'Overdue', count: 2 },
      ...rows(2),
    ];
    const layout = layoutItems(items);
    const HEADING_HEIGHT = 48;
    expect([...layout.offsets]).toEqual([
      0,
      HEADING_HEIGHT,
      HEADING_HEIGHT + ROW_HEIGHT,
      HEADING_HEIGHT + 2 * ROW_HEIGHT,
    ]);
    expect(layout.total).toBe(HEADING_HEIGHT + 2 * ROW_HEIGHT);
  });

  it('renders only what is in view plus overscan, even for 10,000 tasks', () => {
    const items = rows(10_000);
    const layout = layoutItems(items);
    const top = visibleRange(layout, items.length, 0, 800, 5);
    expect(top.start).toBe(0);
    expect(top.end).toBe(Math.floor(800 / ROW_HEIGHT) + 1 + 5);
    const middle = visibleRange(layout, items.length, 5000 * ROW_HEIGHT, 800, 5);
    expect(middle.start).toBe(4995);
    expect(middle.end - middle.start).toBeLessThan(30);
    const bottom = visibleRange(layout, items.length, layout.total, 800, 5);
    expect(bottom.end).toBe(10_000);
    expect(visibleRange(layoutItems([]), 0, 0, 800)).toEqual({ start: 0, end: 0 });
  });

  it('scrolls just enough to reveal an item', () => {
    const layout = layoutItems(rows(100));
    expect(scrollToReveal(layout, 0, 0, 560)).toBeNull();
    expect(scrollToReveal(layout, 20, 0, 560)).toBe(21 * ROW_HEIGHT - 560);
    expect(scrollToReveal(layout, 2, 10 * ROW_HEIGHT, 560)).toBe(2 * ROW_HEIGHT);
  });
});

describe('adjacentGroup', () => {
  it('names the group above or below a task’s own, headings included, and none past the ends', () => {
    const items: ListItem[] = [
      ...rows(1, 'none'),
      { kind: 'heading', key: 'h:a', label: 'A', count: 0 },
      { kind: 'heading', key: 'h:b', label: 'B', count: 1 },
      { kind: 'task', key: 'x', task: task(7), group: 'b' },
    ];
    expect(adjacentGroup(items, task(0).id, 1)).toBe('a');
    expect(adjacentGroup(items, task(0).id, -1)).toBeNull();
    expect(adjacentGroup(items, task(7).id, -1)).toBe('a');
    expect(adjacentGroup(items, task(7).id, 1)).toBeNull();
    expect(adjacentGroup(items, 'nope', 1)).toBeNull();
  });
});

describe('reorderNeighbours', () => {
  const items = rows(4);
  const id = (n: number) => task(n).id;

  it('gives the neighbours of the new position', () => {
    expect(reorderNeighbours(items, id(2), -1)).toEqual({ above: task(0), below: task(1) });
    expect(reorderNeighbours(items, id(1), 1)).toEqual({ above: task(2), below: task(3) });
    expect(reorderNeighbours(items, id(0), 3)).toEqual({ above: task(3), below: null });
    expect(reorderNeighbours(items, id(3), -9)).toEqual({ above: null, below: task(0) });
  });

  it('refuses moves past the ends or to an unknown task', () => {
    expect(reorderNeighbours(items, id(0), -1)).toBeNull();
    expect(reorderNeighbours(items, id(3), 1)).toBeNull();
    expect(reorderNeighbours(items, 'nope', 1)).toBeNull();
    expect(reorderNeighbours(items, id(1), 0)).toBeNull();
  });

  it('stays inside the task’s group', () => {
    const grouped: ListItem[] = [
      ...rows(2, 'a'),
      { kind: 'heading', key: 'h', label: 'B', count: 2 },
    ];
    grouped.push({ kind: 'task', key: 'x', task: task(7), group: 'b' });
    expect(reorderNeighbours(grouped, task(1).id, 1)).toBeNull();
    expect(reorderNeighbours(grouped, task(7).id, -1)).toBeNull();
  });
});

describe('indent and outdent targets (Tab / Shift+Tab)', () => {
  // 0
  //   1
  //   2
  // 3
  const [t0, t1, t2, t3] = [0, 1, 2, 3].map(task);
  const row = (t: Task, level: number, parentId: string | null, group = 'all'): ListItem => ({
    kind: 'task',
    key: t.id,
    task: t,
    group,
    level,
    parentId,
  });
  const tree = [row(t0, 1, null), row(t1, 2, t0.id), row(t2, 2, t0.id), row(t3, 1, null)];

  it('indents under the sibling above, skipping its sub-tasks', () => {
    expect(indentTarget(tree, t3.id, 'in')?.parent?.id).toBe(t0.id);
    expect(indentTarget(tree, t2.id, 'in')?.parent?.id).toBe(t1.id);
    expect(indentTarget(tree, t0.id, 'in')).toBeNull();
    expect(indentTarget(tree, t1.id, 'in')).toBeNull();
  });

  it('outdents to the grandparent, and not past the top', () => {
    expect(indentTarget(tree, t1.id, 'out')).toEqual({ parentId: null, parent: null });
    expect(indentTarget(tree, t3.id, 'out')).toBeNull();
  });

  it('stays inside its group (a day, Overdue)', () => {
    const grouped: ListItem[] = [
      row(t0, 1, null, 'overdue'),
      { kind: 'heading', key: 'h:2026-11-26', label: 'Today', count: 1 },
      row(t3, 1, null, '2026-11-26'),
    ];
    expect(indentTarget(grouped, t3.id, 'in')).toBeNull();
    expect(groupOf(grouped[1])).toBe('2026-11-26');
  });
});
