// The schema pieces every record kind (task, project, section, label, comment) shares: its identity, the checked text and
// time fields, and how a record is built from defaults or read back from a partial replica.
import * as z from 'zod/mini';
import { isSafeText, MAX_INSTANT, MIN_INSTANT, UNSAFE_TEXT_MESSAGE } from './safe-text';

export const safeText = z.refine<string>(isSafeText, { message: UNSAFE_TEXT_MESSAGE });

/** An ISO date-time (zod checks the calendar: no Feb 30, no T24:00) from 1970 to 9999. */
export const isoSchema = z.iso.datetime({ offset: true, error: 'Must be an ISO date-time' }).check(
  z.refine(
    (s) => {
      const millis = Date.parse(s);
      return millis >= MIN_INSTANT && millis <= MAX_INSTANT;
    },
    { message: 'Must be a time between 1970 and 9999' },
  ),
);

/** A project, section or label name: trimmed, 1-100 characters, safe text. */
export const nameSchema = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'Must not be empty'),
    z.maxLength(100, 'At most 100 characters'),
    safeText,
  );

/** A place in a list the user ordered (projects, sections). */
export const orderSchema = z
  .number()
  .check(z.refine(Number.isFinite, 'Order must be a finite number'));

/** What a record carries beside its synced fields: its id, when it was made and last written. */
const recordIdentity = {
  id: z.uuid({ error: 'Must be a UUID' }),
  createdAt: isoSchema,
  updatedAt: isoSchema,
};

/** Builds a complete, validated record; throws a zod error that `describeValidationError` turns into text. */
function createRecord<S extends z.ZodMiniType>(
  schema: S,
  defaults: object,
  fields: object,
  ids: { id: string; now: string },
): z.infer<S> {
  return schema.parse({
    ...defaults,
    ...fields,
    id: ids.id,
    createdAt: ids.now,
    updatedAt: ids.now,
  });
}

/** The record a view can show (defaults for optional fields), or null while a required one is missing. */
function readRecord<S extends z.ZodMiniType>(
  schema: S,
  defaults: object,
  record: { clock: unknown },
): z.infer<S> | null {
  const { clock: _clock, ...rest } = record;
  const parsed = schema.safeParse({ ...defaults, ...rest });
  return parsed.success ? parsed.data : null;
}

/** A record cannot sit under itself (cycles and depth are checked among the others: hierarchy.ts). */
function notOwnParent(message: string) {
  return z.refine<{ id: string; parentId: string | null }>(
    (record) => record.parentId !== record.id,
    {
      message,
      path: ['parentId'],
    },
  );
}

/** A partial write: which fields changed, validated field by field; a field the kind lacks is refused. */
function changesSchemaOf<S extends z.ZodMiniObject>(fields: S) {
  return z.strictObject(z.partial(fields).shape);
}

/** A record as replicas store it: fields may be partial while an out-of-order delivery is pending. */
export type StoredRecord<F> = Partial<F> & {
  id: string;
  /** ISO time of the earliest write seen (min over clocks: order-independent). */
  createdAt: string;
  /** ISO time of the latest write seen. */
  updatedAt: string;
  /** Per field, the hybrid logical clock timestamp of its last write. */
  clock: Partial<Record<keyof F, string>>;
};

/**
 * One kind of record from its synced fields and their defaults: the complete record's schema, the schema
 * of a partial write, and how a record is built (fields without a default are required) and read back.
 * `ownParentMessage` is for kinds that nest (a record cannot sit under itself).
 */
export function recordKind<Shape extends z.core.$ZodShape, D extends object>(
  fields: z.ZodMiniObject<Shape>,
  defaults: D,
  ownParentMessage?: string,
) {
  type Fields = z.infer<typeof fields>;
  const base = z.extend(fields, recordIdentity);
  const schema = ownParentMessage
    ? base.check(
        notOwnParent(ownParentMessage) as unknown as z.core.$ZodCheck<z.infer<typeof base>>,
      )
    : base;
  return {
    schema,
    changesSchema: changesSchemaOf(fields),
    create: (
      values: Partial<Fields> & Omit<Fields, keyof D>,
      ids: { id: string; now: string },
    ): z.infer<typeof schema> => createRecord(schema, defaults, values, ids),
    read: (record: StoredRecord<Fields>): z.infer<typeof schema> | null =>
      readRecord(schema, defaults, record),
  };
}
