// The sections store: every local action on the sections of a project. Like the projects store, each
// write validates with the core schema, merges through the one `applyMutation` and stores the record
// with its outbox entry in one transaction. Deleting a section deletes its tasks in the same
// transaction, so one Undo (`restoreSection` with what `deleteSection` returned) brings both back.
import * as z from 'zod/mini';
import { applyMutation, createRecordMutation } from '../core/merge';
import type { Mutation, SectionMutation, TaskRecord } from '../core/merge';
import type { Clock } from '../core/hlc';
import { tickAfter } from '../core/hlc';
import { effectiveProjectId } from '../core/project-id';
import { toProject } from '../core/project';
import { createSection, sectionChangesSchema, toSection } from '../core/section';
import type { Section, SectionChanges, SectionRecord } from '../core/section';
import { describeValidationError } from '../core/task-shape';
import type { TendDb } from './database';
import { ProjectNotFoundError, SectionNotFoundError, SectionValidationError } from './errors';
import { catchUpClock } from './persistent-clock';
import { commitWrites, writeTasksDeleted } from './record-writes';
import { toTaskRecord } from './task-index';

export interface SectionsStoreOptions {
  db: TendDb;
  clock: Clock;
  newId?: () => string;
  now?: () => number;
}

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

export function createSectionsStore({
  db,
  clock,
  newId = () => crypto.randomUUID(),
  now = Date.now,
}: SectionsStoreOptions): SectionsStore {
  const nowIso = () => new Date(now()).toISOString();

  function transact<T>(work: () => Promise<T>): Promise<T> {
    return db.transaction(
      'rw',
      [db.sections, db.projects, db.tasks, db.outbox, db.meta],
      async () => {
        await catchUpClock(db, clock);
        return work();
      },
    );
  }

  const commit = (
    sections: SectionRecord[],
    tasks: TaskRecord[],
    mutations: (Mutation | SectionMutation)[],
  ) =>
    commitWrites(db, clock, nowIso(), { table: db.sections, records: sections }, tasks, mutations);

  async function loadSection(id: string): Promise<SectionRecord> {
    const record = await db.sections.get(id);
    if (!record || !toSection(record)) throw new SectionNotFoundError(id);
    return record;
  }

  async function checkProject(projectId: string): Promise<void> {
    const project = await db.projects.get(projectId);
    if (!project || !toProject(project) || project.deletedAt)
      throw new ProjectNotFoundError(projectId);
  }

  function writeSection(record: SectionRecord, changes: SectionChanges) {
    const mutation: SectionMutation = {
      id: newId(),
      taskId: record.id,
      hlc: tickAfter(clock, Object.values(record.clock)),
      changes,
      kind: 'section',
    };
    return { mutation, record: applyMutation(record, mutation).record };
  }

  const writeTasks = (records: TaskRecord[], deletedAt: string | null) =>
    writeTasksDeleted(records, deletedAt, clock, newId);

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
        const section = validated(() =>
          createSection({ projectId, name, order }, { id, now: nowIso() }),
        );
        const mutation = createRecordMutation('section', section, clock.tick(), newId());
        await commit([applyMutation(undefined, mutation).record], [], [mutation]);
        return section;
      });
    },
    async updateSection(id, changes) {
      const valid = validated(() => sectionChangesSchema.parse(changes));
      return transact(async () => {
        if (valid.projectId) await checkProject(valid.projectId);
        const { mutation, record } = writeSection(await loadSection(id), valid);
        await commit([record], [], [mutation]);
        return toSection(record) as Section;
      });
    },
    async deleteSection(id) {
      return transact(async () => {
        const current = await loadSection(id);
        const section = writeSection(current, { deletedAt: nowIso() });
        const tasks = writeTasks(await tasksIn(current), nowIso());
        await commit(
          [section.record],
          tasks.map((t) => t.record),
          [section.mutation, ...tasks.map((t) => t.mutation)],
        );
        return { sectionId: id, taskIds: tasks.map((t) => t.record.id) };
      });
    },
    async restoreSection({ sectionId, taskIds }) {
      return transact(async () => {
        const section = writeSection(await loadSection(sectionId), { deletedAt: null });
        const stored = await db.tasks.bulkGet(taskIds);
        const tasks = writeTasks(
          stored.flatMap((s) => (s && s.deletedAt ? [toTaskRecord(s)] : [])),
          null,
        );
        await commit(
          [section.record],
          tasks.map((t) => t.record),
          [section.mutation, ...tasks.map((t) => t.mutation)],
        );
        return toSection(section.record) as Section;
      });
    },
  };
}

function validated<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof z.core.$ZodError)
      throw new SectionValidationError(describeValidationError(error), error.issues);
    throw error;
  }
}
