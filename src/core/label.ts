// The label: a record of its own (name, colour, order), synced per field like a project, so renaming or
// recolouring a label is one write to it and never a rewrite of its tasks (they hold its id in
// `labelIds`; see label-id.ts for how ids and the names older clients write fit together).
import * as z from 'zod/mini';
import { PROJECT_COLOURS } from './project-id';
import { isoSchema, nameSchema, orderSchema, recordKind } from './record-schema';
import type { StoredRecord } from './record-schema';

export { effectiveLabelIds, labelIdForName, labelsByName, legacyLabelMutations } from './label-id';

/** The label fields that sync; each carries its own last-writer-wins timestamp. */
export const LABEL_FIELDS = ['name', 'colour', 'order', 'deletedAt'] as const;
export type LabelField = (typeof LABEL_FIELDS)[number];

const labelFieldsSchema = z.object({
  name: nameSchema,
  /** The projects' named colours: one palette, each shade checked for contrast in both themes. */
  colour: z.enum(PROJECT_COLOURS, { error: 'Colour must be one of the named colours' }),
  order: orderSchema,
  deletedAt: z.nullable(isoSchema),
});

const label = recordKind(labelFieldsSchema, { colour: 'grey', order: 0, deletedAt: null });

export const labelSchema = label.schema;
export const labelChangesSchema = label.changesSchema;
export type Label = z.infer<typeof labelSchema>;
export type LabelChanges = z.infer<typeof labelChangesSchema>;
export type LabelRecord = StoredRecord<z.infer<typeof labelFieldsSchema>>;

export const createLabel = label.create;

/** The label a view can show, or null while the record still lacks its name. */
export const toLabel = label.read;

/**
 * A task's labels by their current names, in the order the task holds them: ids of labels deleted or
 * not arrived yet are left out, so a label deleted on another device disappears from every task at once.
 */
export function labelNames(
  ids: readonly string[],
  labels: ReadonlyMap<string, LabelRecord>,
): string[] {
  const names: string[] = [];
  for (const id of ids) {
    const label = labels.get(id);
    if (label && !label.deletedAt && typeof label.name === 'string') names.push(label.name);
  }
  return names;
}
