// The sections store: every local action on the sections of a project. Like the projects store, each
// write validates with the core schema, merges through the one `applyMutation` and stores the record
// with its outbox entry in one transaction. Deleting a section deletes its tasks in the same
// transaction, so one Undo (`restoreSection` with what `deleteSection` returned) brings both back.
import type { TaskRecord } from '../core/merge';
import { effectiveProjectId } from '../core/project-id';
import { toProject } from '../core/project';
import { createSection, sectionChangesSchema, toSection } from '../core/section';
import type { Section, SectionChanges, SectionRecord } from '../core/section';
import { ProjectNotFoundError, SectionNotFoundError, SectionValidationError } from './errors';
import { createRecordStore } from './record-store';
import type { RecordStoreOptions } from './record-store';
import { toTaskRecord } from './task-index';
import { validated } from './validated';

/** What a section deletion took with it, for its Undo. */
export interface DeletedSection {
  sectionId: string;
  taskIds: string[];
}

export interface SectionsStore {
  /** A new section at the end of its project's sections; `id` lets an import name it before its tasks. */
  addSection(fields: { projectId: string; name: string; id?: string }): Promise<Section>;
  /** Rename or reorder: one write to the section, none to its tasks. */
  updateSection(id: string, changes: SectionChanges): Promise<Section>;
  /** Deletes the section and its tasks that were not deleted yet. */
  deleteSection(id: string): Promise<DeletedSection>;
  /** Undoes `deleteSection`: the section and exactly the tasks it took come back. */
  restoreSection(deleted: DeletedSection): Promise<Section>;
}

export function createSectionsStore(options: RecordStoreOptions): SectionsStore {
  const { db, newId, nowIso, transact, create, commit, ...store } = createRecordStore(
    'section',
    { read: toSection, NotFound: SectionNotFoundError, reads: (db) => [db.projects] },
    options,
  );

  async function checkProject(projectId: string): Promise<void> {
    const project = await db.projects.get(projectId);
    if (!project || !toProject(project) || project.deletedAt)
      throw new ProjectNotFoundError(projectId);
  }

  /** The live tasks shown under the section: in its project, pointing at it. */
  async function tasksIn(section: SectionRecord): Promise<TaskRecord[]> {
    const stored = await db.tasks
      .where('[status+projectKey]')
      .anyOf([
        ['open', section.projectId ?? ''],
        ['done', section.projectId ?? ''],
      ])
      .toArray();
    return stored
      .map(toTaskRecord)
      .filter(
        (t) =>
          t.sectionId === section.id && !t.deletedAt && effectiveProjectId(t) === section.projectId,
      );
  }

  return {
    async addSection({ projectId, name, id = newId() }) {
      return transact(async () => {
        await checkProject(projectId);
        const siblings = await db.sections.where('projectId').equals(projectId).toArray();
        const order =
          Math.max(0, ...siblings.filter((s) => !s.deletedAt).map((s) => s.order ?? 0)) + 1;
        const section = validated(
          () => createSection({ projectId, name, order }, { id, now: nowIso() }),
          SectionValidationError,
        );
        await commit([create(section)]);
        return section;
      });
    },
    async updateSection(id, changes) {
      const valid = validated(() => sectionChangesSchema.parse(changes), SectionValidationError);
      return store.update(id, valid, async () => {
        if (valid.projectId) await checkProject(valid.projectId);
      });
    },
    deleteSection: async (sectionId) => ({
      sectionId,
      taskIds: await store.deleteWithTasks(sectionId, tasksIn),
    }),
    restoreSection: ({ sectionId, taskIds }) => store.restoreWithTasks(sectionId, taskIds),
  };
}
