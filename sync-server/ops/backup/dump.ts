// Logical export of the database as NDJSON: a header line, then one `{ "t": table, "r": row }` line per row,
// read in one REPEATABLE READ snapshot so the tables agree with each other. Rows come from row_to_json, so every
// PostgreSQL type round-trips through json_populate_recordset on restore, on PGlite and PostgreSQL alike.
import { createHash } from 'node:crypto';
import type { OpsDb, OpsQuery } from '../db';
import { qualified, quoteIdent, quoteTable, readCatalog, type TableInfo } from './catalog';
import { ignoreProgress, type OnProgress } from './progress';

export const DUMP_FORMAT = 'tend-backup/1';
export const DEFAULT_SCHEMAS = ['auth', 'tend_auth', 'public', 'tend_ops'];
/**
 * Of the operations schema only the audit log is kept: the other tables there (jobs, job runs, metric buckets,
 * alert states) coordinate the running instances, and a restore that truncated them would drop its own job.
 */
const BACKED_UP_OPS_TABLES = new Set(['tend_ops.audit_log']);
const isBackedUp = (t: TableInfo) =>
  t.schema !== 'tend_ops' || BACKED_UP_OPS_TABLES.has(qualified(t));

export interface TableDigest {
  table: string;
  rows: number;
  sha256: string;
}

export interface DumpHeader {
  format: typeof DUMP_FORMAT;
  kind: 'full' | 'incremental';
  createdAt: string;
  since: string | null;
  tables: TableDigest[];
}

interface DumpResult {
  header: DumpHeader;
  ndjson: Buffer;
}

/**
 * Tasks changed since `$1`. `updated_at` comes from the writers' clocks (a device offline for a day writes
 * yesterday's time today), so the server-side sync log's `synced_at` decides too.
 */
const CHANGED_TASKS = `where t.updated_at > $1 or exists (
  select 1 from public.sync_log l where l.owner = t.owner and l.task_id = t.id::text and l.synced_at > $1)`;
/**
 * What an incremental backup carries: changed tasks and comments (the sync log names a comment by its id
 * as it names a task), every project, section and label (a handful per user), and the sequences their
 * versions were drawn from.
 */
const INCREMENTAL_TABLES = new Set([
  'public.tasks',
  'public.projects',
  'public.sections',
  'public.labels',
  'public.comments',
  'public.sync_state',
]);

function orderBy(table: TableInfo): string {
  return table.primaryKey.length > 0 ? table.primaryKey.map(quoteIdent).join(', ') : '1';
}

/** Tables an incremental backup reads only the changed rows of. */
const CHANGED_ONLY = new Set(['tasks', 'comments']);

/** The rows of one table as JSON text lines, in primary-key order, and their digest. */
export async function readTableRows(
  db: OpsQuery,
  table: TableInfo,
  where = '',
  params: unknown[] = [],
) {
  const rows = await db.query<{ r: string }>(
    `select row_to_json(t)::text as r from only ${quoteTable(table)} t ${where} order by ${orderBy(table)}`,
    params,
  );
  const hash = createHash('sha256');
  for (const { r } of rows) hash.update(r).update('\n');
  return { lines: rows.map((row) => row.r), digest: hash.digest('hex') };
}

export async function dumpDatabase(
  db: OpsDb,
  {
    now,
    schemas = DEFAULT_SCHEMAS,
    since = null,
    onProgress = ignoreProgress,
  }: { now: Date; schemas?: readonly string[]; since?: Date | null; onProgress?: OnProgress },
): Promise<DumpResult> {
  return db.transaction(async (tx) => {
    await tx.query('set transaction isolation level repeatable read, read only');
    await tx.query(`set local timezone = 'UTC'`);
    const catalog = (await readCatalog(tx, schemas)).filter(isBackedUp);
    // An incremental backup carries the user data that changed: tasks and comments touched since the
    // last backup.
    const tables = since ? catalog.filter((t) => INCREMENTAL_TABLES.has(qualified(t))) : catalog;
    const body: string[] = [];
    const digests: TableDigest[] = [];
    for (const [index, table] of tables.entries()) {
      const { lines, digest } =
        since && CHANGED_ONLY.has(table.name)
          ? await readTableRows(tx, table, CHANGED_TASKS, [since.toISOString()])
          : await readTableRows(tx, table);
      const name = qualified(table);
      for (const line of lines) body.push(`{"t":${JSON.stringify(name)},"r":${line}}`);
      digests.push({ table: name, rows: lines.length, sha256: digest });
      onProgress({
        phase: 'dump',
        table: name,
        rows: lines.length,
        percent: Math.round(((index + 1) / tables.length) * 90),
      });
    }
    const header: DumpHeader = {
      format: DUMP_FORMAT,
      kind: since ? 'incremental' : 'full',
      createdAt: now.toISOString(),
      since: since ? since.toISOString() : null,
      tables: digests,
    };
    return { header, ndjson: Buffer.from([JSON.stringify(header), ...body].join('\n') + '\n') };
  });
}
