import { describe, expect, it } from 'vitest';
import { createTask } from '../../core/task';
import { groupForView } from '../../core/views';
import { formatDayHeading } from '../lib/dates';
import {
  documentTitle,
  emptyStateFor,
  listItemsFor,
  quickAddDefaults,
  viewSpecFor,
  viewTitle,
} from './view-model';

const today = '2026-11-26';
const make = (n: number, due: string | null) =>
  createTask(
    { title: `T${n}`, due, order: n },
    { id: `00000000-0000-4000-8000-00000000000${n}`, now: '2026-11-26T09:00:00.000Z' },
  );

describe('view model', () => {
  it('maps routes to view specs and titles', () => {
    expect(viewSpecFor({ view: 'project', name: 'Work' })).toEqual({
      kind: 'project',
      project: 'Work',
    });
    expect(viewSpecFor({ view: 'label', name: 'home' })).toEqual({ kind: 'label', label: 'home' });
    expect(viewSpecFor({ view: 'search', query: 'x' })).toEqual({ kind: 'search', query: 'x' });
    expect(viewSpecFor({ view: 'settings' })).toBeNull();
    expect(viewTitle({ view: 'label', name: 'home' })).toBe('@home');
    expect(viewTitle({ view: 'search', query: '' })).toBe('Search');
    expect(documentTitle({ view: 'today' })).toBe('Today · Tend');
    expect(documentTitle({ view: 'not-found', path: '/x' })).toBe('Page not found · Tend');
  });

  it('gives new tasks the view’s project, label or day', () => {
    expect(quickAddDefaults({ kind: 'project', project: 'Work' }, today)).toEqual({
      project: 'Work',
    });
    expect(quickAddDefaults({ kind: 'label', label: 'x' }, today)).toEqual({ labels: ['x'] });
    expect(quickAddDefaults({ kind: 'today' }, today)).toEqual({ due: today });
    expect(quickAddDefaults({ kind: 'inbox' }, today)).toEqual({});
    expect(quickAddDefaults(null, today)).toEqual({});
  });

  it('heads Today with Overdue and the day, and leaves other views flat', () => {
    const tasks = [make(1, '2026-11-20'), make(2, today), make(3, today)];
    const spec = { kind: 'today' } as const;
    const items = listItemsFor(spec, groupForView(spec, tasks, today), today);
    expect(items.map((i) => (i.kind === 'heading' ? `# ${i.label}` : i.task.title))).toEqual([
      '# Overdue',
      'T1',
      `# ${formatDayHeading(today, today)}`,
      'T2',
      'T3',
    ]);
    const inbox = { kind: 'inbox' } as const;
    expect(
      listItemsFor(inbox, groupForView(inbox, tasks, today), today).every((i) => i.kind === 'task'),
    ).toBe(true);
  });

  it('puts sub-tasks under their parent in a group, and hides a collapsed sub-tree', () => {
    const parent = make(1, today);
    const child = { ...make(2, today), parentId: parent.id };
    const other = make(3, today);
    const spec = { kind: 'today' } as const;
    const groups = groupForView(spec, [child, other, parent], today);
    const shown = (collapsed?: Set<string>) =>
      listItemsFor(spec, groups, today, collapsed).flatMap((i) =>
        i.kind === 'task' ? [`${i.task.title}:${i.level}:${i.children}`] : [],
      );
    expect(shown()).toEqual(['T1:1:1', 'T2:2:0', 'T3:1:0']);
    expect(shown(new Set([parent.id]))).toEqual(['T1:1:1', 'T3:1:0']);
    // Completed stays flat.
    const done = { kind: 'completed' } as const;
    expect(
      listItemsFor(done, [{ key: 'all', day: null, tasks: [parent, child] }], today).map(
        (i) => i.kind === 'task' && i.level,
      ),
    ).toEqual([undefined, undefined]);
  });

  it('has guidance for every empty view', () => {
    const specs = [
      { kind: 'inbox' },
      { kind: 'today' },
      { kind: 'upcoming' },
      { kind: 'completed' },
      { kind: 'project', project: 'Deep Work' },
      { kind: 'label', label: 'x' },
      { kind: 'search', query: 'zzz' },
      { kind: 'search', query: '' },
    ] as const;
    for (const spec of specs) {
      const empty = emptyStateFor(spec);
      expect(empty.title.length).toBeGreaterThan(5);
      expect(empty.body.length).toBeGreaterThan(10);
    }
    expect(emptyStateFor({ kind: 'project', project: 'Deep Work' }).body).toContain('#DeepWork');
  });
});
