// Which section a task shows under: zod-free, so the page's first paint can group a project's tasks
// without loading the record schemas.
import type { SectionRecord } from './section';

/**
 * The section a task shows under: its `sectionId` when that section is live and in the task's project,
 * else none. A section deleted (or moved away) on another device leaves its tasks in the project with no
 * section, so no task ever hides under a section nobody can see.
 */
export function effectiveSectionId(
  task: { sectionId?: string | null },
  projectId: string | null,
  sections: ReadonlyMap<string, SectionRecord>,
): string | null {
  if (!task.sectionId || !projectId) return null;
  const section = sections.get(task.sectionId);
  return section && !section.deletedAt && section.projectId === projectId ? section.id : null;
}
