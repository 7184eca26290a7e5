// The section: a named, ordered part of one project, synced per field like a project (one merge, its
// own record kind), so renaming or reordering a section is one write and never a rewrite of its tasks
// (they hold its id in `sectionId`).
import * as z from 'zod/mini';
import { isoSchema, nameSchema, orderSchema, recordKind } from './record-schema';
import type { StoredRecord } from './record-schema';

export { effectiveSectionId } from './section-id';

/** The section fields that sync; each carries its own last-writer-wins timestamp. */
export const SECTION_FIELDS = ['projectId', 'name', 'order', 'deletedAt'] as const;
export type SectionField = (typeof SECTION_FIELDS)[number];

const sectionFieldsSchema = z.object({
  projectId: z.uuid({ error: 'Project must be a project id' }),
  name: nameSchema,
  order: orderSchema,
  deletedAt: z.nullable(isoSchema),
});

const section = recordKind(sectionFieldsSchema, { order: 0, deletedAt: null });

export const sectionSchema = section.schema;
export const sectionChangesSchema = section.changesSchema;
export type Section = z.infer<typeof sectionSchema>;
export type SectionChanges = z.infer<typeof sectionChangesSchema>;
export type SectionRecord = StoredRecord<z.infer<typeof sectionFieldsSchema>>;

export const createSection = section.create;

/** The section a view can show, or null while the record still lacks its name or project. */
export const toSection = section.read;

/**
 * The live sections of one project in the order a person set, ties broken by id so every replica
 * shows the same order.
 */
export function sectionsOfProject(sections: Iterable<SectionRecord>, projectId: string): Section[] {
  const out: Section[] = [];
  for (const record of sections) {
    const section = toSection(record);
    if (section && section.projectId === projectId && !section.deletedAt) out.push(section);
  }
  return out.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
