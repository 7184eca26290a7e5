// The label: a record of its own (name, colour, order), synced per field like a project, so renaming or
// recolouring a label is one write to it and never a rewrite of its tasks (they hold its id in
// `labelIds`; see label-id.ts for how ids and the names older clients write fit together).
import * as z from 'zod/mini';
import { PROJECT_COLOURS } from './project-id';
import {
  changesSchemaOf,
  createRecord,
  isoSchema,
  nameSchema,
  orderSchema,
  readRecord,
  recordIdentity,
} from './record-schema';

export {
  effectiveLabelIds,
  labelIdForName,
  labelNames,
  labelsByName,
  LEGACY_LABEL_NODE,
  legacyLabelMutations,
  legacyLabelRecord,
} from './label-id';

/** The label fields that sync; each carries its own last-writer-wins timestamp. */
export const LABEL_FIELDS = ['name', 'colour', 'order', 'deletedAt'] as const;
export type LabelField = (typeof LABEL_FIELDS)[number];
export type LabelClock = Partial<Record<LabelField, string>>;

export const labelFieldsSchema = z.object({
  name: nameSchema,
  /** The projects' named colours: one palette, each shade checked for contrast in both themes. */
  colour: z.enum(PROJECT_COLOURS, { error: 'Colour must be one of the named colours' }),
  order: orderSchema,
  deletedAt: z.nullable(isoSchema),
});

export const labelSchema = z.extend(labelFieldsSchema, recordIdentity);

export type LabelFields = z.infer<typeof labelFieldsSchema>;
export type Label = z.infer<typeof labelSchema>;

export const labelChangesSchema = changesSchemaOf(labelFieldsSchema);
export type LabelChanges = z.infer<typeof labelChangesSchema>;

const DEFAULT_LABEL_FIELDS: Omit<LabelFields, 'name'> = {
  colour: 'grey',
  order: 0,
  deletedAt: null,
};

/** A label as replicas store it: fields may be partial while an out-of-order delivery is pending. */
export type LabelRecord = Partial<LabelFields> & {
  id: string;
  createdAt: string;
  updatedAt: string;
  clock: LabelClock;
};

export function createLabel(
  fields: Partial<LabelFields> & { name: string },
  ids: { id: string; now: string },
): Label {
  return createRecord(labelSchema, DEFAULT_LABEL_FIELDS, fields, ids);
}

/** The label a view can show, or null while the record still lacks its name. */
export function toLabel(record: LabelRecord): Label | null {
  return readRecord(labelSchema, DEFAULT_LABEL_FIELDS, record);
}
