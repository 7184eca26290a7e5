import { describe, expect, it } from 'vitest';
import { createSection } from '../../core/section';
import { createTask } from '../../core/task';
import type { Task } from '../../core/task';
import { NO_SECTION, projectSectionItems } from './section-groups';

const NOW = '2026-11-26T09:00:00.000Z';
const HOME = '00000000-0000-4000-8000-0000000000a1';
const OTHER = '00000000-0000-4000-8000-0000000000a2';
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const section = (n: number, name: string, order: number, projectId = HOME) =>
  createSection({ projectId, name, order }, { id: uuid(100 + n), now: NOW });
const task = (n: number, fields: Partial<Task> = {}) =>
  createTask({ title: `T${n}`, order: n, projectId: HOME, ...fields }, { id: uuid(n), now: NOW });
const spec = { kind: 'project', project: 'Home' } as const;

/** The list as text: headings as "# name (count)", tasks as "title@group". */
const shape = (tasks: Task[], sections: ReturnType<typeof section>[]) =>
  projectSectionItems(spec, [{ key: 'all', day: null, tasks }], HOME, sections, '2026-11-26').map(
    (i) => (i.kind === 'heading' ? `# ${i.label} (${i.count})` : `${i.task.title}@${i.group}`),
  );

describe('project section groups', () => {
  it('shows tasks without a section first, then every section in its order, empty ones too', () => {
    const shopping = section(1, 'Shopping', 2);
    const garden = section(2, 'Garden', 1);
    const empty = section(3, 'Later', 3);
    const list = shape(
      [
        task(1, { sectionId: shopping.id }),
        task(2),
        task(3, { sectionId: garden.id }),
        task(4, { sectionId: shopping.id }),
      ],
      [garden, shopping, empty],
    );
    expect(list).toEqual([
      `T2@${NO_SECTION}`,
      '# Garden (1)',
      `T3@${garden.id}`,
      '# Shopping (2)',
      `T1@${shopping.id}`,
      `T4@${shopping.id}`,
      '# Later (0)',
    ]);
  });

  it('puts a task whose section is gone or in another project with the tasks in no section', () => {
    const mine = section(1, 'Mine', 1);
    const elsewhere = section(2, 'Elsewhere', 1, OTHER);
    const list = shape(
      [task(1, { sectionId: elsewhere.id }), task(2, { sectionId: uuid(999) })],
      [mine],
    );
    expect(list).toEqual([`T1@${NO_SECTION}`, `T2@${NO_SECTION}`, '# Mine (0)']);
  });

  it('keeps a sub-task under its parent, in the parent’s section', () => {
    const a = section(1, 'A', 1);
    const b = section(2, 'B', 2);
    const parent = task(1, { sectionId: a.id });
    const child = task(2, { sectionId: b.id, parentId: parent.id });
    expect(shape([parent, child], [a, b])).toEqual([
      '# A (2)',
      `T1@${a.id}`,
      `T2@${a.id}`,
      '# B (0)',
    ]);
  });
});
