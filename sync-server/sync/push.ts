// Applies a batch of mutations for one user in one transaction: idempotent by mutation id, merged in memory
// with the shared applyMutation, written with one multi-row upsert, every outcome recorded in sync_log.
// The user's writes commit in version order (pull cursors): a write takes the user's sync_state row lock and
// holds it to the commit. A task push reads without it and writes only if the sequence it read is still the
// row's (optimistic, see WRITE_PUSH_SQL); other batches lock the row before they read. A batch that only
// creates tasks is not read at all: its write fails if a task or mutation was there after all, and it is
// then pushed the ordinary way (CREATE_PUSH_SQL).
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
import { SYNCED_FIELDS } from '../../src/core/task-shape';
import type { Rejection } from '../../src/core/sync/protocol';
import type { Claims, Db, Queryable } from '../db/types';
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

/**
 * The user's sequence (no lock: see WRITE_PUSH_SQL), the mutation ids already logged for the caller and the
 * current rows of the tasks a batch touches, in one statement and so one snapshot: the sequence read is the
 * last one whose rows this read sees.
 */
export const LOAD_PUSH_STATE_SQL = `
  select s.seq, s.pruned_seq,
    (select coalesce(json_agg(l), '[]') from jsonb_array_elements_text($1::text::jsonb) as k(id)
       cross join lateral (
         select mutation_id, status, code, message from public.sync_log
          where owner = (select auth.uid()) and mutation_id = k.id limit 1
       ) l) as logged,
    (select coalesce(json_agg(t), '[]')
       from (select (jsonb_array_elements_text($2::text::jsonb))::uuid as id) as k
       cross join lateral (${TASK_BY_ID}) t) as records
    from (select) as one left join public.sync_state s on s.owner = (select auth.uid())`;

/** A push's log entries into sync_log: $2 a JSON array of them, $3 the client id. */
const LOG_ROWS = `insert into public.sync_log (owner, mutation_id, task_id, hlc, client_id, status, code, message)
    select auth.uid(), r.mutation_id, r.task_id, r.hlc, $3, r.status, r.code, r.message
      from jsonb_to_recordset($2::text::jsonb)
        as r(mutation_id text, task_id text, hlc text, status text, code text, message text)`;

/**
 * A batch's writes in one statement, made only if the user's sequence is still the one the batch was merged
 * against: $1 rows, $2 log entries (JSON arrays), $3 client id, $4 new sequence, $5 and $6 the sequence and
 * pruned sequence read (0 when the user had no sync_state row). Answers `written`: 1 if it wrote, 0 if not.
 *
 * `state` sets the new sequence only where the row still holds what was read. In READ COMMITTED an
 * INSERT ... ON CONFLICT DO UPDATE waits for a concurrent transaction that holds the row, then evaluates its
 * WHERE on the row's latest committed version (not this statement's snapshot), and locks the row even when
 * the WHERE fails; a row inserted concurrently is waited for the same way. So `state` returns a row exactly
 * when nothing moved the sequence (every writer of versioned rows moves `seq`, and rows leaving `tasks` move
 * `pruned_seq`) since the read, and then this transaction holds the lock to its commit: no later writer can
 * take versions above ours and commit first. The other two inserts take their rows only while `state`
 * returned one (data-modifying CTEs see each other only through RETURNING), so a write that lost the race
 * changes nothing and is done again from the read.
 */
export const WRITE_PUSH_SQL = `
  with state as (
    insert into public.sync_state as s (owner, seq) values (auth.uid(), $4)
    on conflict (owner) do update set seq = excluded.seq where s.seq = $5 and s.pruned_seq = $6
    returning 1
  ), upserted as (
    insert into public.tasks as t (owner, ${TASK_COLUMNS})
    select auth.uid(), ${TASK_COLUMN_LIST.map((c) => `r.${c}`).join(', ')}
      from jsonb_to_recordset($1::text::jsonb) as r(${RECORDSET_COLUMNS})
     where exists (select from state)
    on conflict (owner, id) do update set ${TASK_COLUMN_LIST.filter((c) => c !== 'id')
      .map((c) => `${c} = excluded.${c}`)
      .join(', ')}
    returning 1
  ), logged as (
    ${LOG_ROWS}
     where exists (select from state)
    on conflict (owner, mutation_id) do nothing
    returning 1
  )
  select count(*)::int as written from state`;

/**
 * A batch that only creates tasks, written without the read (see `createsOnly`): $1 rows whose `version`
 * is their place in the batch (1, 2 ...), $2 log entries, $3 client id, $4 the number of rows. Answers the
 * user's new sequence.
 *
 * `state` takes the next $4 versions under the user's sync_state row lock, held to the commit as in
 * WRITE_PUSH_SQL, so versions still commit in order. The task and log rows are plain inserts: a task that
 * is already there (another device's, or this one's if its creation was replayed) or a mutation already
 * logged (a replay of a creation whose task was purged since) fails the statement on its unique key, also
 * when the other row is committed concurrently (the insert waits for it), and the transaction writes
 * nothing. `pushAsUser` then pushes the batch the ordinary way, which merges with the row or reports the
 * first outcome.
 */
export const CREATE_PUSH_SQL = `
  with state as (
    insert into public.sync_state as s (owner, seq) values (auth.uid(), $4)
    on conflict (owner) do update set seq = s.seq + $4
    returning seq - $4 as base
  ), inserted as (
    insert into public.tasks (owner, ${TASK_COLUMNS})
    select auth.uid(), ${TASK_COLUMN_LIST.map((c) =>
      c === 'version' ? '(select base from state) + r.version' : `r.${c}`,
    ).join(', ')}
      from jsonb_to_recordset($1::text::jsonb) as r(${RECORDSET_COLUMNS})
    returning 1
  ), logged as (
    ${LOG_ROWS}
    returning 1
  )
  select base + $4 as seq from state`;

/** PostgreSQL's unique_violation: CREATE_PUSH_SQL met a task or a mutation that was already there. */
function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}

/**
 * Whether a batch can be written without the read: every mutation a whole new task (each synced field,
 * as a device sends a task it created), no parent (its depth is checked against the user's other tasks)
 * and within the clock's drift (a refused one would leave nothing to write). Such a batch merges against
 * nothing; if a task is there after all, CREATE_PUSH_SQL fails and the batch takes the ordinary way.
 */
function createsOnly(validated: Validated, options: PushOptions): boolean {
  return validated.every((v) => {
    if (!v.ok || (v.mutation.kind ?? 'task') !== 'task') return false;
    const changes = v.mutation.changes as Record<string, unknown>;
    return (
      SYNCED_FIELDS.every((field) => field in changes) &&
      !changes.parentId &&
      clockLeadMs(v.mutation.hlc, options.now) <= options.maxDriftMs
    );
  });
}

interface LoggedOutcome {
  mutation_id: string;
  status: string;
  code: string | null;
  message: string | null;
}

interface PushState {
  seq: number;
  prunedSeq: number;
  logged: LoggedOutcome[];
  records: Map<string, TaskRecord>;
}

async function loadPushState(
  tx: Queryable,
  mutationIds: string[],
  taskIds: string[],
): Promise<PushState> {
  const [row] = await tx.query<{
    seq: string | number | null;
    pruned_seq: string | number | null;
    logged: LoggedOutcome[];
    records: TaskRow[];
  }>(LOAD_PUSH_STATE_SQL, [JSON.stringify(mutationIds), JSON.stringify(taskIds)]);
  const records = new Map<string, TaskRecord>();
  for (const task of row.records) records.set(task.id, rowToRecord(task));
  return {
    seq: Number(row.seq ?? 0),
    prunedSeq: Number(row.pruned_seq ?? 0),
    logged: row.logged,
    records,
  };
}

type Validated = ReturnType<typeof validateMutation>[];

/** What a batch that only creates tasks knows without reading: nothing is there (see `createsOnly`). */
function nothingRead(): PushState {
  return { seq: 0, prunedSeq: 0, logged: [], records: new Map() };
}

/** One read, merge and write of a batch; `written` says whether the write applied (see WRITE_PUSH_SQL). */
interface Attempt {
  result: PushResult;
  written: Promise<boolean>;
}

/**
 * A batch in the caller's transaction. Should another push of the user commit between the read and the
 * write, the write changes nothing and locked the user's row, so the batch is read and merged again
 * under that lock, where no one can move the sequence: it writes the second time.
 */
export async function pushMutations(
  tx: Queryable,
  rawMutations: unknown[],
  options: PushOptions,
): Promise<PushResult> {
  const validated = rawMutations.map(validateMutation);
  let attempt = await pushAttempt(tx, validated, options, { lock: false, last: false });
  if (!(await attempt.written))
    attempt = await pushAttempt(tx, validated, options, { lock: true, last: false });
  if (!(await attempt.written)) throw new Error('push write refused under the sync_state lock');
  if (options.beforeCommit) await options.beforeCommit();
  return attempt.result;
}

/**
 * A batch in a transaction of its own as the user, its write sent with the COMMIT right behind it
 * (`queryBeforeCommit`: a round trip less), so whether the write applied is known only once the
 * transaction has ended. One that did not apply committed nothing (the write was the transaction's only
 * one), and the batch runs again in a new transaction that locks the user's row before it reads.
 */
export async function pushAsUser(
  db: Db,
  claims: Claims,
  rawMutations: unknown[],
  options: PushOptions,
): Promise<PushResult> {
  if (options.beforeCommit)
    return db.asUser(claims, (tx) => pushMutations(tx, rawMutations, options));
  const validated = rawMutations.map(validateMutation);
  if (createsOnly(validated, options)) {
    try {
      const attempt = await db.asUser(claims, (tx) =>
        pushAttempt(tx, validated, options, { lock: false, last: true, create: true }),
      );
      if (await attempt.written) return attempt.result;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  for (const lock of [false, true]) {
    const attempt = await db.asUser(claims, (tx) =>
      pushAttempt(tx, validated, options, { lock, last: true }),
    );
    if (await attempt.written) return attempt.result;
  }
  throw new Error('push write refused under the sync_state lock');
}

async function pushAttempt(
  tx: Queryable,
  validated: Validated,
  options: PushOptions,
  mode: { lock: boolean; last: boolean; create?: boolean },
): Promise<Attempt> {
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
  // Writes beside tasks go out before the conditional write, so such a batch cannot take back what it
  // wrote: it locks the user's row before it reads, as does a second attempt.
  const lock =
    mode.lock || projectIds.length + sectionIds.length + labelIds.length + commentIds.length > 0;
  // Issued together so the driver pipelines them; the server runs them in order, so the read after the
  // lock sees every commit that preceded it (READ COMMITTED takes a snapshot per statement: the lock and
  // the read cannot share one).
  const [, { seq, prunedSeq, logged, records }, projects, sections, labels, comments] =
    await Promise.all([
      lock ? lockSyncState(tx) : null,
      mode.create ? nothingRead() : loadPushState(tx, ids, taskIds),
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
  const result: PushResult = {
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
  let written = Promise.resolve(true);
  if (rows.length > 0 || log.length > 0) {
    const [sql, params] = mode.create
      ? [
          CREATE_PUSH_SQL,
          [JSON.stringify(rows), JSON.stringify(log), options.clientId, rows.length],
        ]
      : [
          WRITE_PUSH_SQL,
          [JSON.stringify(rows), JSON.stringify(log), options.clientId, next, seq, prunedSeq],
        ];
    const pipelined = mode.last && tx.queryBeforeCommit !== undefined;
    const answer = pipelined
      ? tx.queryBeforeCommit!<{ written?: number; seq?: string | number }>(sql, params)
      : tx.query<{ written?: number; seq?: string | number }>(sql, params);
    written = answer.then(([row]) => {
      if (!mode.create) return row.written! > 0;
      result.seq = Number(row.seq);
      return true;
    });
    // Settled in the caller's own time: a pipelined write is answered after the transaction ends.
    written.catch(() => undefined);
    // Any other write is answered inside the transaction, and its failure must reach the transaction
    // before it commits: PGlite (no pipelining) otherwise sent COMMIT after a failed write and kept its
    // one connection in the aborted transaction, failing every later request.
    if (!pipelined) await written;
  }
  return { result, written };
}
