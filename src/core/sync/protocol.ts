// The sync protocol's wire format: zod schemas for the bodies of `POST /api/sync/push` and
// `GET /api/sync/pull`, shared by the page, the service worker and the server so both ends validate alike.
// zod/mini like the task schema: this module ships in the page and service worker bundles.
import * as z from 'zod/mini';
import { hlcMillis, isHlc } from '../hlc';
import { isSafeText, UNSAFE_TEXT_MESSAGE } from '../safe-text';
import { isoSchema } from '../record-schema';
import { SYNCED_FIELDS, describeValidationError, taskChangesSchema } from '../task';
import { isPlainObject, isPlainTaskMutation } from './plain-task-mutation';
import type { AnyMutation, TaskRecord } from '../merge';
import { PROJECT_FIELDS, projectChangesSchema } from '../project';
import type { ProjectRecord } from '../project';
import { LABEL_FIELDS, labelChangesSchema } from '../label';
import type { LabelRecord } from '../label';
import { SECTION_FIELDS, sectionChangesSchema } from '../section';
import { COMMENT_FIELDS, commentChangesSchema } from '../comment';
import type { CommentRecord } from '../comment';
import type { SectionRecord } from '../section';

/** The server refuses larger pushes (413 / 400); the client sends at most CLIENT_PUSH_BATCH per request. */
export const MAX_PUSH_MUTATIONS = 1000;
export const CLIENT_PUSH_BATCH = 500;
const DEFAULT_PULL_LIMIT = 500;
const MAX_PULL_LIMIT = 1000;

const hlcSchema = z.string().check(z.refine(isHlc, { message: 'Not an HLC timestamp' }));
const idShape = z.string().check(z.minLength(1), z.maxLength(100));
const idSchema = idShape.check(z.refine(isSafeText, { message: UNSAFE_TEXT_MESSAGE }));

const changesSomething = z.refine((c: unknown) => Object.keys(c as object).length > 0, {
  message: 'A mutation changes at least one field',
});

/** One mutation, validated strictly: the server rejects (not fails) a push entry that does not pass. */
export const mutationSchema = z.strictObject({
  id: idSchema,
  taskId: z.uuid(),
  hlc: hlcSchema,
  changes: taskChangesSchema.check(changesSomething),
  /** Absent for a task: clients from before projects send none. */
  kind: z.optional(z.literal('task')),
});

/** A write to a project: the same envelope, `kind: 'project'`, the project's id in `taskId`. */
export const projectMutationSchema = z.strictObject({
  id: idSchema,
  taskId: z.uuid(),
  hlc: hlcSchema,
  changes: projectChangesSchema.check(changesSomething),
  kind: z.literal('project'),
});

/** A write to a section: `kind: 'section'`, the section's id in `taskId`. */
const sectionMutationSchema = z.strictObject({
  id: idSchema,
  taskId: z.uuid(),
  hlc: hlcSchema,
  changes: sectionChangesSchema.check(changesSomething),
  kind: z.literal('section'),
});

/** A write to a label: `kind: 'label'`, the label's id in `taskId`. */
export const labelMutationSchema = z.strictObject({
  id: idSchema,
  taskId: z.uuid(),
  hlc: hlcSchema,
  changes: labelChangesSchema.check(changesSomething),
  kind: z.literal('label'),
});

/** A write to a comment: `kind: 'comment'`, the comment's id in `taskId`, its task in `changes.taskId`. */
const commentMutationSchema = z.strictObject({
  id: idSchema,
  taskId: z.uuid(),
  hlc: hlcSchema,
  changes: commentChangesSchema.check(changesSomething),
  kind: z.literal('comment'),
});

type ValidatedMutation =
  | { ok: true; mutation: AnyMutation }
  /** `hasId`: the entry carried a usable id, so its rejection is recorded and replays find it. */
  | { ok: false; id: string; hasId: boolean; code: string; message: string };

/** One push entry checked against `mutationSchema`; a failure names the entry by id or position. */
export function validateMutation(raw: unknown, index: number): ValidatedMutation {
  if (isPlainTaskMutation(raw)) return { ok: true, mutation: raw };
  const kind = (raw as { kind?: unknown } | null)?.kind;
  const schema =
    kind === 'project'
      ? projectMutationSchema
      : kind === 'section'
        ? sectionMutationSchema
        : kind === 'label'
          ? labelMutationSchema
          : kind === 'comment'
            ? commentMutationSchema
            : mutationSchema;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, mutation: parsed.data as AnyMutation };
  const id = (raw as { id?: unknown } | null)?.id;
  // An unusable id (NUL, too long) is reported by position and not recorded: no store would take it.
  const hasId = typeof id === 'string' && id.length > 0 && id.length <= 100 && isSafeText(id);
  return {
    ok: false,
    id: hasId ? id : `#${index}`,
    hasId,
    code: 'invalid_mutation',
    message: describeValidationError(parsed.error),
  };
}

/**
 * The push envelope. Entries are only checked for an id here, so one invalid mutation is reported
 * in `rejected` (validate each with `mutationSchema`) instead of failing the whole batch.
 */
export const pushRequestSchema = z.object({
  clientId: idSchema,
  mutations: z
    .array(z.looseObject({ id: idShape }))
    .check(z.maxLength(MAX_PUSH_MUTATIONS, `At most ${MAX_PUSH_MUTATIONS} mutations per push`)),
});

type PushRequest = z.infer<typeof pushRequestSchema>;

/**
 * The envelope check of `pushRequestSchema` by hand, without copying the body: true only for a body that
 * schema passes unchanged (extra top-level keys aside, which nothing reads). A push is checked on every
 * request, so the server asks this first and leaves the schema to describe what is wrong with the rest.
 */
export function isPushRequest(value: unknown): value is PushRequest {
  if (!isPlainObject(value)) return false;
  const { clientId, mutations } = value;
  if (typeof clientId !== 'string' || clientId.length === 0 || clientId.length > 100) return false;
  if (!isSafeText(clientId) || !Array.isArray(mutations)) return false;
  if (mutations.length > MAX_PUSH_MUTATIONS) return false;
  for (const m of mutations as unknown[]) {
    if (!isPlainObject(m)) return false;
    const id = m.id;
    if (typeof id !== 'string' || id.length === 0 || id.length > 100) return false;
  }
  return true;
}

/**
 * A mutation stamped further ahead of the server's clock than it allows (`MAX_CLOCK_DRIFT_MS`): the device
 * clock is wrong. The client re-stamps it from the push reply's `serverTime` and sends it again.
 */
export const CLOCK_DRIFT = 'clock_drift';

/** How far (ms) `hlc` runs ahead of `serverNow`; a server refuses a lead over its bound with CLOCK_DRIFT. */
export function clockLeadMs(hlc: string, serverNow: number): number {
  return hlcMillis(hlc) - serverNow;
}

/**
 * A mutation the server refused ('invalid_mutation', 'invalid_parent' for a cycle or too deep a tree,
 * 'forbidden', 'conflict' or CLOCK_DRIFT), with its reason.
 */
const rejectionSchema = z.object({
  id: z.string(),
  code: z.string(),
  message: z.string(),
});
export type Rejection = z.infer<typeof rejectionSchema>;

export const pushResponseSchema = z.object({
  applied: z.array(z.string()),
  rejected: z.array(rejectionSchema),
  /** The server's wall clock when it answered (ISO): a device re-stamps `clock_drift` rejections from it. */
  serverTime: z.optional(isoSchema),
});

/** Query of `GET /api/sync/pull`; no cursor means "from the beginning" (initial or full resync). */
export const pullQuerySchema = z.object({
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  limit: z._default(
    z.coerce
      .number()
      .check(
        z.refine(Number.isInteger, { message: 'Must be an integer' }),
        z.minimum(1),
        z.maximum(MAX_PULL_LIMIT),
      ),
    DEFAULT_PULL_LIMIT,
  ),
  /** `archived`: the last page also lists the ids of the user's archived tasks (a resync after 410 asks). */
  include: z.optional(z.enum(['archived'])),
});

/**
 * What the client checks of a pull reply: the envelope with zod, each record with `isTaskRecordShape`.
 * Field values were validated by the server on push; re-parsing 10,000 records with zod would cost
 * a third of the initial-sync budget, while the shape check is what the merge needs to be safe.
 */
export const pullEnvelopeSchema = z.object({
  tasks: z.array(z.unknown()),
  /** Projects changed in the same range of the user's sequence (servers from before projects send none). */
  projects: z.optional(z.array(z.unknown())),
  /** Sections, likewise (servers from before sections send none). */
  sections: z.optional(z.array(z.unknown())),
  /** Labels, likewise (servers from before label records send none). */
  labels: z.optional(z.array(z.unknown())),
  /** Comments, likewise (servers from before comments send none). */
  comments: z.optional(z.array(z.unknown())),
  cursor: z.string(),
  hasMore: z.boolean(),
  total: z.optional(z.number().check(z.minimum(0))),
  archived: z.optional(z.array(z.uuid())),
});

const SYNCED = new Set<string>(SYNCED_FIELDS);
const PROJECT_SYNCED = new Set<string>(PROJECT_FIELDS);
const SECTION_SYNCED = new Set<string>(SECTION_FIELDS);
const LABEL_SYNCED = new Set<string>(LABEL_FIELDS);
const COMMENT_SYNCED = new Set<string>(COMMENT_FIELDS);

/** Cheap structural check of a pulled record: ids and times are strings, every clock entry an HLC. */
export function isTaskRecordShape(value: unknown): value is TaskRecord {
  return hasRecordShape(value, SYNCED);
}

/** The same check for a pulled project. */
export function isProjectRecordShape(value: unknown): value is ProjectRecord {
  return hasRecordShape(value, PROJECT_SYNCED);
}

/** The same check for a pulled section. */
export function isSectionRecordShape(value: unknown): value is SectionRecord {
  return hasRecordShape(value, SECTION_SYNCED);
}

/** The same check for a pulled label. */
export function isLabelRecordShape(value: unknown): value is LabelRecord {
  return hasRecordShape(value, LABEL_SYNCED);
}

/** The same check for a pulled comment. */
export function isCommentRecordShape(value: unknown): value is CommentRecord {
  return hasRecordShape(value, COMMENT_SYNCED);
}

function hasRecordShape(value: unknown, fields: ReadonlySet<string>): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  if (
    typeof r.id !== 'string' ||
    typeof r.createdAt !== 'string' ||
    typeof r.updatedAt !== 'string'
  )
    return false;
  if (typeof r.clock !== 'object' || r.clock === null) return false;
  for (const [field, hlc] of Object.entries(r.clock))
    if (!fields.has(field) || !isHlc(hlc)) return false;
  return true;
}

/** Every error body of the API. */
export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.optional(z.unknown()) }),
});
