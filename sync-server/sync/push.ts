// Applies a batch of mutations for one user in one transaction: idempotent by mutation id, merged in memory
// with the shared applyMutation, written with one multi-row upsert, every outcome recorded in sync_log.
// The user's sync_state row is locked first, so the user's writes commit in version order (pull cursors).
// Tasks, projects, sections, labels and comments go through the same steps; the kinds beside tasks load and
// write in their own statements, run only when a batch has writes of that kind, so task pushes cost what
// they did.
import type { CommentRecord } from '../../src/core/comment';
import { checkParent } from '../../src/core/hierarchy';
import type { ParentProblem } from '../../src/core/hierarchy';
import type { AnyMutation, AnyRecord, RecordKind, TaskRecord } from '../../src/core/merge';
import { applyMutation } from '../../src/core/merge';
import type { ProjectRecord } from '../../src/core/project';
import type { LabelRecord } from '../../src/core/label';
import type { SectionRecord } from '../../src/core/section';
import { CLOCK_DRIFT, clockLeadMs, validateMutation } from '../../src/core/sync/protocol';
import type { Rejection } from '../../src/core/sync/protocol';
import type { Queryable } from '../db/types';
import {
  COMMENT_COLUMNS,
  COMMENT_RECORDSET_COLUMNS,
  PROJECT_COLUMNS,
  PROJECT_RECORDSET_COLUMNS,
  RECORDSET_COLUMNS,
  LABEL_COLUMNS,
  LABEL_RECORDSET_COLUMNS,
  SECTION_COLUMNS,
  SECTION_RECORDSET_COLUMNS,
  TASK_COLUMNS,
  commentToRow,
  projectToRow,
  recordToRow,
  rowToComment,
  rowToProject,
  rowToRecord,
  labelToRow,
  rowToLabel,
  rowToSection,
  sectionToRow,
} from './records';
import type { TaskRow } from './records';

export type { Rejection };

export interface PushResult {
  applied: string[];
  rejected: Rejection[];
  /** Records this batch changed (after merge), for callers that answer with the task. */
  changed: Map<string, TaskRecord>;
  /** Projects this batch changed (after merge). */
  changedProjects: Map<string, ProjectRecord>;
  /** Sections this batch changed (after merge). */
  changedSections: Map<string, SectionRecord>;
  /** Labels this batch changed (after merge). */
  changedLabels: Map<string, LabelRecord>;
  /** Comments this batch changed (after merge). */
  changedComments: Map<string, CommentRecord>;
  /** Ids of the tasks this batch created (no row before it), for the "Task created" event. */
  created: string[];
  /** The user's sequence after the batch. */
  seq: number;
}

export interface PushOptions {
  clientId: string;
  /** Server time (ms) and how far ahead of it a timestamp may be: later ones are refused, `clock_drift`. */
  now: number;
  maxDriftMs: number;
  /** Test hook: runs after the writes, before commit (used to force commit-order races). */
  beforeCommit?: () => Promise<void>;
  /**
   * The caller commits as soon as this returns: the write goes out with the COMMIT right behind it
   * (`queryBeforeCommit`), and its failure rejects the transaction instead of this call.
   */
  lastInTransaction?: boolean;
}

export const LOCK_SYNC_STATE_SQL = `insert into public.sync_state as s (owner) values (auth.uid())
  on conflict (owner) do update set seq = s.seq
  returning seq, pruned_seq`;

function driftMessage(leadMs: number): string {
  return `Timestamp is ${Math.round(leadMs / 1000)} s ahead of the server's clock: re-stamp and retry`;
}

/** Locks the caller's sync_state row (creating it) and returns its sequence. */
export async function lockSyncState(tx: Queryable): Promise<{ seq: number; prunedSeq: number }> {
  const rows = await tx.query<{ seq: string | number; pruned_seq: string | number }>(
    LOCK_SYNC_STATE_SQL,
  );
  return { seq: Number(rows[0].seq), prunedSeq: Number(rows[0].pruned_seq) };
}

/**
 * One task of the caller by id, as a primary-key probe (lateral over `k.id`, a uuid). Under row-level
 * security the planner puts the policy's condition first and may use a query's own conditions in the index
 * only if they are leakproof: `auth.uid()` called directly and a text-to-uuid cast are not, which turned this
 * into a walk over all the user's rows with a filter. `(select auth.uid())` is evaluated once, like the
 * policy's, and the cast happens before the lateral. `limit 1` keeps the lateral from being flattened.
 */
const TASK_BY_ID = `select ${TASK_COLUMNS} from public.tasks
  where owner = (select auth.uid()) and id = k.id limit 1`;

export async function loadRecords(tx: Queryable, ids: string[]): Promise<Map<string, TaskRecord>> {
  const map = new Map<string, TaskRecord>();
  if (ids.length === 0) return map;
  const rows = await tx.query<TaskRow>(
    `select t.* from (select (jsonb_array_elements_text($1::text::jsonb))::uuid as id) as k
       cross join lateral (${TASK_BY_ID}) t`,
    [JSON.stringify(ids)],
  );
  for (const row of rows) map.set(row.id, rowToRecord(row));
  return map;
}

const PARENT_MESSAGES: Record<ParentProblem, string> = {
  self: 'A task cannot be its own sub-task',
  cycle: 'The new parent is one of the task’s own sub-tasks',
  too_deep: 'Sub-tasks go at most 4 levels deep',
};

const PROJECT_PARENT_MESSAGES: Record<ParentProblem, string> = {
  self: 'A project cannot be its own sub-project',
  cycle: 'The new parent is one of the project’s own sub-projects',
  too_deep: 'Projects nest at most 4 levels deep',
};

/** A kind kept beside tasks (a handful of rows per user): its table and how its rows map to records. */
interface SideTable {
  /** Loads the caller's rows by id: $1 a JSON array of ids. */
  load: string;
  /** Upserts a batch's merged rows: $1 a JSON array of rows. */
  write: string;
  read: (row: TaskRow) => AnyRecord;
  toRow: (record: never, version: number) => Record<string, unknown>;
}

function sideTable(
  table: string,
  columns: string,
  recordset: string,
  read: (row: TaskRow) => AnyRecord,
  toRow: (record: never, version: number) => Record<string, unknown>,
): SideTable {
  const list = columns.split(', ');
  return {
    load: `select ${columns} from public.${table}
  where owner = (select auth.uid()) and id = any(array(select jsonb_array_elements_text($1::text::jsonb)::uuid))`,
    write: `
  insert into public.${table} as p (owner, ${columns})
  select auth.uid(), ${list.map((c) => `r.${c}`).join(', ')}
    from jsonb_to_recordset($1::text::jsonb) as r(${recordset})
  on conflict (owner, id) do update set ${list
    .filter((c) => c !== 'id')
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')}`,
    read,
    toRow,
  };
}

const PROJECT_TABLE = sideTable(
  'projects',
  PROJECT_COLUMNS,
  PROJECT_RECORDSET_COLUMNS,
  rowToProject,
  projectToRow,
);
const SECTION_TABLE = sideTable(
  'sections',
  SECTION_COLUMNS,
  SECTION_RECORDSET_COLUMNS,
  rowToSection,
  sectionToRow,
);
const LABEL_TABLE = sideTable(
  'labels',
  LABEL_COLUMNS,
  LABEL_RECORDSET_COLUMNS,
  rowToLabel,
  labelToRow,
);

const COMMENT_TABLE = sideTable(
  'comments',
  COMMENT_COLUMNS,
  COMMENT_RECORDSET_COLUMNS,
  rowToComment,
  commentToRow,
);

async function loadSide<R extends AnyRecord>(
  tx: Queryable,
  table: SideTable,
  ids: string[],
): Promise<Map<string, R>> {
  const map = new Map<string, R>();
  if (ids.length === 0) return map;
  const rows = await tx.query<TaskRow>(table.load, [JSON.stringify(ids)]);
  for (const row of rows) map.set(row.id, table.read(row) as R);
  return map;
}

export function loadProjects(tx: Queryable, ids: string[]): Promise<Map<string, ProjectRecord>> {
  return loadSide(tx, PROJECT_TABLE, ids);
}

/**
 * The user's parent links in one table (only records that have a parent are rows here), with this batch's
 * records laid over them; loaded only when the batch sets a parent, since most pushes never do.
 */
async function loadParentLinks(
  tx: Queryable,
  table: 'tasks' | 'projects',
  records: Map<string, TaskRecord | ProjectRecord>,
): Promise<Map<string, string | null>> {
  const rows = await tx.query<{ id: string; parent_id: string }>(
    `select id, parent_id from public.${table}
      where owner = auth.uid() and parent_id is not null and deleted_at is null`,
  );
  const links = new Map<string, string | null>(rows.map((r) => [r.id, r.parent_id]));
  for (const record of records.values()) trackParent(links, record);
  return links;
}

function trackParent(links: Map<string, string | null>, record: TaskRecord | ProjectRecord): void {
  links.set(record.id, record.deletedAt ? null : (record.parentId ?? null));
}

const TASK_COLUMN_LIST = TASK_COLUMNS.split(', ');

/** Mutation ids already logged for the caller, and the current rows of the tasks a batch touches. */
export const LOAD_PUSH_STATE_SQL = `
  select
    (select coalesce(json_agg(l), '[]') from jsonb_array_elements_text($1::text::jsonb) as k(id)
       cross join lateral (
         select mutation_id, status, code, message from public.sync_log
          where owner = (select auth.uid()) and mutation_id = k.id limit 1
       ) l) as logged,
    (select coalesce(json_agg(t), '[]')
       from (select (jsonb_array_elements_text($2::text::jsonb))::uuid as id) as k
       cross join lateral (${TASK_BY_ID}) t) as records`;

/**
 * A batch's writes in one statement: the merged rows (multi-row upsert), the sync_log entries and the user's
 * new sequence. $1 rows, $2 log entries (JSON arrays), $3 client id, $4 new sequence.
 */
export const WRITE_PUSH_SQL = `
  with upserted as (
    insert into public.tasks as t (owner, ${TASK_COLUMNS})
    select auth.uid(), ${TASK_COLUMN_LIST.map((c) => `r.${c}`).join(', ')}
      from jsonb_to_recordset($1::text::jsonb) as r(${RECORDSET_COLUMNS})
    on conflict (owner, id) do update set ${TASK_COLUMN_LIST.filter((c) => c !== 'id')
      .map((c) => `${c} = excluded.${c}`)
      .join(', ')}
    returning 1
  ), logged as (
    insert into public.sync_log (owner, mutation_id, task_id, hlc, client_id, status, code, message)
    select auth.uid(), r.mutation_id, r.task_id, r.hlc, $3, r.status, r.code, r.message
      from jsonb_to_recordset($2::text::jsonb)
        as r(mutation_id text, task_id text, hlc text, status text, code text, message text)
    on conflict (owner, mutation_id) do nothing
    returning 1
  )
  update public.sync_state set seq = $4 where owner = auth.uid() and seq < $4`;

interface LoggedOutcome {
  mutation_id: string;
  status: string;
  code: string | null;
  message: string | null;
}

async function loadPushState(
  tx: Queryable,
  mutationIds: string[],
  taskIds: string[],
): Promise<{ logged: LoggedOutcome[]; records: Map<string, TaskRecord> }> {
  const [row] = await tx.query<{ logged: LoggedOutcome[]; records: TaskRow[] }>(
    LOAD_PUSH_STATE_SQL,
    [JSON.stringify(mutationIds), JSON.stringify(taskIds)],
  );
  const records = new Map<string, TaskRecord>();
  for (const task of row.records) records.set(task.id, rowToRecord(task));
  return { logged: row.logged, records };
}

export async function pushMutations(
  tx: Queryable,
  rawMutations: unknown[],
  options: PushOptions,
): Promise<PushResult> {
  const validated = rawMutations.map(validateMutation);
  const ids = [...new Set(validated.map((v) => (v.ok ? v.mutation.id : v.id)))];
  const idsOf = (kind: RecordKind) => [
    ...new Set(
      validated.flatMap((v) =>
        v.ok && (v.mutation.kind ?? 'task') === kind ? [v.mutation.taskId] : [],
      ),
    ),
  ];
  const taskIds = idsOf('task');
  const projectIds = idsOf('project');
  const sectionIds = idsOf('section');
  const labelIds = idsOf('label');
  const commentIds = idsOf('comment');
  // Issued together so the driver pipelines them; the server runs them in order, so the read after the
  // lock sees every commit that preceded it (READ COMMITTED takes a snapshot per statement: the lock and
  // the read cannot share one).
  const [{ seq }, { logged, records }, projects, sections, labels, comments] = await Promise.all([
    lockSyncState(tx),
    loadPushState(tx, ids, taskIds),
    loadProjects(tx, projectIds),
    loadSide<SectionRecord>(tx, SECTION_TABLE, sectionIds),
    loadSide<LabelRecord>(tx, LABEL_TABLE, labelIds),
    loadSide<CommentRecord>(tx, COMMENT_TABLE, commentIds),
  ]);
  const seen = new Map<string, Omit<LoggedOutcome, 'mutation_id'>>();
  for (const row of logged) seen.set(row.mutation_id, row);

  const setsParent = (kind: 'task' | 'project') =>
    validated.some(
      (v) =>
        v.ok &&
        (v.mutation.kind ?? 'task') === kind &&
        'parentId' in v.mutation.changes &&
        v.mutation.changes.parentId,
    );
  const links = setsParent('task') ? await loadParentLinks(tx, 'tasks', records) : null;
  const projectLinks = setsParent('project')
    ? await loadParentLinks(tx, 'projects', projects)
    : null;
  const changed = new Map<string, TaskRecord>();
  const changedProjects = new Map<string, ProjectRecord>();
  const changedSections = new Map<string, SectionRecord>();
  const changedLabels = new Map<string, LabelRecord>();
  const changedComments = new Map<string, CommentRecord>();
  const stores: Record<RecordKind, Map<string, AnyRecord>> = {
    task: records,
    project: projects,
    section: sections,
    label: labels,
    comment: comments,
  };
  const changedOf: Record<RecordKind, Map<string, AnyRecord>> = {
    task: changed,
    project: changedProjects,
    section: changedSections,
    label: changedLabels,
    comment: changedComments,
  };
  const created: string[] = [];
  const applied: string[] = [];
  const rejected: Rejection[] = [];
  const log: Record<string, unknown>[] = [];

  for (const v of validated) {
    const id = v.ok ? v.mutation.id : v.id;
    const previous = seen.get(id);
    if (previous) {
      // A replay (or a duplicate inside this batch): report the first outcome, change nothing.
      if (previous.status === 'applied') applied.push(id);
      else
        rejected.push({ id, code: previous.code ?? 'rejected', message: previous.message ?? '' });
      continue;
    }
    if (!v.ok) {
      rejected.push({ id: v.id, code: v.code, message: v.message });
      if (v.hasId) {
        seen.set(id, { status: 'rejected', code: v.code, message: v.message });
        log.push({
          mutation_id: id,
          task_id: null,
          hlc: null,
          status: 'rejected',
          code: v.code,
          message: v.message,
        });
      }
      continue;
    }
    const m: AnyMutation = v.mutation;
    const lead = clockLeadMs(m.hlc, options.now);
    if (lead > options.maxDriftMs) {
      // Not logged: the same change is welcome once re-stamped (or once the server's clock catches up).
      rejected.push({ id, code: CLOCK_DRIFT, message: driftMessage(lead) });
      continue;
    }
    const kind = m.kind ?? 'task';
    const isProject = kind === 'project';
    const store = stores[kind];
    const before = store.get(m.taskId);
    const result = applyMutation(before, m);
    const kindLinks = isProject ? projectLinks : kind === 'task' ? links : null;
    // A parent that would make a cycle or too deep a tree is refused here; one that is deleted or
    // unknown is accepted (another device may have deleted it: clients lift such a sub-task).
    const problem =
      kindLinks && result.applied.includes('parentId')
        ? checkParent(
            kindLinks,
            m.taskId,
            (result.record as TaskRecord | ProjectRecord).parentId ?? null,
          )
        : null;
    if (problem) {
      const message = (isProject ? PROJECT_PARENT_MESSAGES : PARENT_MESSAGES)[problem];
      rejected.push({ id, code: 'invalid_parent', message });
      seen.set(id, { status: 'rejected', code: 'invalid_parent', message });
      log.push({
        mutation_id: id,
        task_id: m.taskId,
        hlc: m.hlc,
        status: 'rejected',
        code: 'invalid_parent',
        message,
      });
      continue;
    }
    if (kindLinks) trackParent(kindLinks, result.record as TaskRecord | ProjectRecord);
    if (result.applied.length > 0) {
      store.set(m.taskId, result.record);
      changedOf[kind].set(m.taskId, result.record);
      if (kind === 'task' && !before) created.push(m.taskId);
    }
    applied.push(id);
    seen.set(id, { status: 'applied', code: null, message: null });
    log.push({
      mutation_id: id,
      task_id: m.taskId,
      hlc: m.hlc,
      status: 'applied',
      code: null,
      message: null,
    });
  }

  let next = seq;
  const rows = [...changed.values()].map((record) => recordToRow(record, ++next));
  // Writes beside tasks are rare; they go first so the push write below can still ride with the
  // COMMIT.
  const sides: [SideTable, Map<string, AnyRecord>][] = [
    [PROJECT_TABLE, changedProjects],
    [SECTION_TABLE, changedSections],
    [LABEL_TABLE, changedLabels],
    [COMMENT_TABLE, changedComments],
  ];
  for (const [table, changes] of sides) {
    const sideRows = [...changes.values()].map((record) => table.toRow(record as never, ++next));
    if (sideRows.length > 0) await tx.query(table.write, [JSON.stringify(sideRows)]);
  }
  if (rows.length > 0 || log.length > 0) {
    const params = [JSON.stringify(rows), JSON.stringify(log), options.clientId, next];
    if (options.lastInTransaction && !options.beforeCommit && tx.queryBeforeCommit)
      tx.queryBeforeCommit(WRITE_PUSH_SQL, params);
    else await tx.query(WRITE_PUSH_SQL, params);
  }
  if (options.beforeCommit) await options.beforeCommit();
  return {
    applied,
    rejected,
    changed,
    changedProjects,
    changedSections,
    changedLabels,
    changedComments,
    created,
    seq: next,
  };
}
