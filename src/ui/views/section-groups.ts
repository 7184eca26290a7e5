// A project page's list: its tasks without a section first, then each section under its heading in
// the order the sections have (empty ones too, so a task can be dragged into them).
import { effectiveSectionId } from '../../core/section-id';
import type { Section, SectionRecord } from '../../core/section';
import type { TaskGroup, ViewSpec } from '../../core/views';
import type { ListItem } from '../tasks/list-model';
import { listItemsFor } from './view-model';

/** The group of the tasks in no section (a section's group is its id). */
export const NO_SECTION = 'none';

export function projectSectionItems(
  spec: ViewSpec,
  groups: TaskGroup[],
  projectId: string,
  sections: readonly Section[],
  today: string,
  collapsed: ReadonlySet<string> = new Set(),
): ListItem[] {
  const records = new Map<string, SectionRecord>(sections.map((s) => [s.id, { ...s, clock: {} }]));
  const bySection = new Map<string, TaskGroup>();
  const groupOf = (key: string) => {
    let group = bySection.get(key);
    if (!group) bySection.set(key, (group = { key, day: null, tasks: [] }));
    return group;
  };
  const all = groups.flatMap((g) => g.tasks);
  const byId = new Map(all.map((t) => [t.id, t]));
  for (const task of all) {
    // A sub-task stays with its parent, whatever section it names: the tree's top decides.
    let owner = task;
    for (let depth = 0; depth < 8 && owner.parentId !== null && byId.has(owner.parentId); depth++)
      owner = byId.get(owner.parentId)!;
    groupOf(effectiveSectionId(owner, projectId, records) ?? NO_SECTION).tasks.push(task);
  }
  const items: ListItem[] = [];
  const none = bySection.get(NO_SECTION);
  if (none) items.push(...listItemsFor(spec, [none], today, collapsed));
  for (const section of sections) {
    const group = bySection.get(section.id) ?? { key: section.id, day: null, tasks: [] };
    items.push({
      kind: 'heading',
      key: `h:${section.id}`,
      label: section.name,
      count: group.tasks.length,
    });
    items.push(...listItemsFor(spec, [group], today, collapsed));
  }
  return items;
}
