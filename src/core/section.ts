// The section: a named, ordered part of one project, synced per field like a project (one merge, its
// own record kind), so renaming or reordering a section is one write and never a rewrite of its tasks
// (they hold its id in `sectionId`).
import * as z from 'zod/mini';
import {
  changesSchemaOf,
  createRecord,
  isoSchema,
  nameSchema,
  orderSchema,
  readRecord,
  recordIdentity,
} from './record-schema';

export { effectiveSectionId } from './section-id';

/** The section fields that sync; each carries its own last-writer-wins timestamp. */
export const SECTION_FIELDS = ['projectId', 'name', 'order', 'deletedAt'] as const;
export type SectionField = (typeof SECTION_FIELDS)[number];
export type SectionClock = Partial<Record<SectionField, string>>;

export const sectionFieldsSchema = z.object({
  projectId: z.uuid({ error: 'Project must be a project id' }),
  name: nameSchema,
  order: orderSchema,
  deletedAt: z.nullable(isoSchema),
});

export const sectionSchema = z.extend(sectionFieldsSchema, recordIdentity);

export type SectionFields = z.infer<typeof sectionFieldsSchema>;
export type Section = z.infer<typeof sectionSchema>;

export const sectionChangesSchema = changesSchemaOf(sectionFieldsSchema);
export type SectionChanges = z.infer<typeof sectionChangesSchema>;

const DEFAULT_SECTION_FIELDS: Pick<SectionFields, 'order' | 'deletedAt'> = {
  order: 0,
  deletedAt: null,
};

/** A section as replicas store it: fields may be partial while an out-of-order delivery is pending. */
export type SectionRecord = Partial<SectionFields> & {
  id: string;
  createdAt: string;
  updatedAt: string;
  clock: SectionClock;
};

export function createSection(
  fields: Partial<SectionFields> & { name: string; projectId: string },
  ids: { id: string; now: string },
): Section {
  return createRecord(sectionSchema, DEFAULT_SECTION_FIELDS, fields, ids);
}

/** The section a view can show, or null while the record still lacks its name or project. */
export function toSection(record: SectionRecord): Section | null {
  return readRecord(sectionSchema, DEFAULT_SECTION_FIELDS, record);
}

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
