// The label: a record of its own (name, colour, order), synced per field like a project, so renaming or
// recolouring a label is one write to it and never a rewrite of its tasks (they hold its id in
// `labelIds`; see label-id.ts for how ids and the names older clients write fit together).
import * as z from 'zod/mini';
import { PROJECT_COLOURS } from './project-id';
import { isoSchema, nameSchema, orderSchema, recordKind } from './record-schema';
import type { StoredRecord } from './record-schema';

export {
  effectiveLabelIds,
  labelIdForName,
  labelNames,
  labelsByName,
  legacyLabelMutations,
} from './label-id';

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
