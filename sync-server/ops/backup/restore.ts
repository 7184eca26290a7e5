// Restore a backup in the operations specification's priority order (authentication, preferences, active tasks, completed tasks,
// analytics), one transaction per priority group so sign-in works again as early as possible, then validate:
// the file's checksum before anything is written, each table's digest in the file, and after writing, row
// counts, digests re-read from the database and foreign-key consistency. Returns a report of every step.
import { createHash } from 'node:crypto';
import type { OpsDb, OpsQuery } from '../db';
import { decryptBackup } from './crypto';
import { DUMP_FORMAT, readTableRows, type DumpHeader } from './dump';
import {
  groupOfTable,
  qualified,
  quoteIdent,
  quoteTable,
  readCatalog,
  restoreOrder,
  type RestoreGroup,
  type TableInfo,
} from './catalog';
import { ensureOpsSchema } from '../schema';
import { ignoreProgress, type OnProgress } from './progress';
import { readVerifiedBackup } from './store';

interface RestoreStep {
  group: RestoreGroup;
  table: string;
  rows: number;
  durationMs: number;
}

interface RestoreReport {
  ok: boolean;
  file: string;
  kind: DumpHeader['kind'];
  createdAt: string;
  steps: RestoreStep[];
  validation: {
    checksum: 'ok';
    tables: {
      table: string;
      expectedRows: number;
      actualRows: number;
      digestMatches: boolean | null;
    }[];
    orphans: { constraint: string; table: string; rows: number }[];
    userAcceptanceTest: 'pending: sign in as a known user and check their tasks (docs/ops/backups.md)';
  };
  durationMs: number;
}

export class RestoreRefusedError extends Error {}

const CHUNK_ROWS = 500;

/** Splits NDJSON lines into raw row JSON per table without re-serialising (exact numerics survive). */
function splitDump(plain: Buffer): { header: DumpHeader; rows: Map<string, string[]> } {
  const lines = plain.toString('utf8').split('\n').filter(Boolean);
  const header = JSON.parse(lines[0]) as DumpHeader;
  if (header.format !== DUMP_FORMAT)
    throw new RestoreRefusedError(`unknown backup format ${String(header.format)}`);
  const rows = new Map<string, string[]>(header.tables.map((t) => [t.table, []]));
  for (const line of lines.slice(1)) {
    const cut = line.indexOf(',"r":');
    const table = JSON.parse(line.slice(5, cut)) as string;
    const list = rows.get(table);
    if (!list) throw new RestoreRefusedError(`backup holds rows for undeclared table ${table}`);
    list.push(line.slice(cut + 5, -1));
  }
  for (const digest of header.tables) {
    const hash = createHash('sha256');
    for (const raw of rows.get(digest.table) ?? []) hash.update(raw).update('\n');
    if (hash.digest('hex') !== digest.sha256 || rows.get(digest.table)?.length !== digest.rows) {
      throw new RestoreRefusedError(
        `table ${digest.table} in the backup does not match its recorded digest`,
      );
    }
  }
  return { header, rows };
}

/**
 * Writes rows as they were. Always an upsert: triggers may already have created a row (a profile follows its
 * auth user), and the backup's version of it must win so the restored table matches the backup exactly.
 */
async function insertRows(tx: OpsQuery, table: TableInfo, raws: readonly string[]) {
  const cols = table.columns.map(quoteIdent).join(', ');
  const keys = table.primaryKey.map(quoteIdent).join(', ');
  const rest = table.columns.filter((c) => !table.primaryKey.includes(c));
  const conflict =
    table.primaryKey.length === 0
      ? ''
      : rest.length === 0
        ? ` on conflict (${keys}) do nothing`
        : ` on conflict (${keys}) do update set ${rest.map((c) => `${quoteIdent(c)} = excluded.${quoteIdent(c)}`).join(', ')}`;
  const overriding = table.identityAlways ? ' overriding system value' : '';
  for (let i = 0; i < raws.length; i += CHUNK_ROWS) {
    const chunk = `[${raws.slice(i, i + CHUNK_ROWS).join(',')}]`;
    await tx.query(
      `insert into ${quoteTable(table)} (${cols})${overriding} select ${cols} from json_populate_recordset(null::${quoteTable(table)}, $1::text::json)${conflict}`,
      [chunk],
    );
  }
}

const isCompleted = (raw: string) =>
  (JSON.parse(raw) as { completed_at?: unknown }).completed_at != null;

async function resetSequences(db: OpsDb, tables: readonly TableInfo[]) {
  for (const t of tables) {
    for (const col of t.columns) {
      const [{ seq }] = await db.query<{ seq: string | null }>(
        'select pg_get_serial_sequence($1, $2) as seq',
        [quoteTable(t), col],
      );
      if (seq) {
        await db.query(
          `select setval($1, coalesce((select max(${quoteIdent(col)}) from ${quoteTable(t)}), 0) + 1, false)`,
          [seq],
        );
      }
    }
  }
}

async function findOrphans(db: OpsDb, schemas: readonly string[]) {
  const fks = await db.query<{
    conname: string;
    child: string;
    child_col: string;
    parent: string;
    parent_col: string;
  }>(
    `select k.conname, format('%I.%I', cn.nspname, c.relname) as child, ca.attname as child_col,
            format('%I.%I', pn.nspname, p.relname) as parent, pa.attname as parent_col
       from pg_constraint k
       join pg_class c on c.oid = k.conrelid join pg_namespace cn on cn.oid = c.relnamespace
       join pg_class p on p.oid = k.confrelid join pg_namespace pn on pn.oid = p.relnamespace
       join pg_attribute ca on ca.attrelid = c.oid and ca.attnum = k.conkey[1]
       join pg_attribute pa on pa.attrelid = p.oid and pa.attnum = k.confkey[1]
      where k.contype = 'f' and array_length(k.conkey, 1) = 1 and cn.nspname = any($1::text[])`,
    [schemas],
  );
  const orphans: RestoreReport['validation']['orphans'] = [];
  for (const fk of fks) {
    const [{ n }] = await db.query<{ n: number }>(
      `select count(*)::int as n from ${fk.child} c where c.${quoteIdent(fk.child_col)} is not null
         and not exists (select 1 from ${fk.parent} p where p.${quoteIdent(fk.parent_col)} = c.${quoteIdent(fk.child_col)})`,
    );
    if (n > 0) orphans.push({ constraint: fk.conname, table: fk.child, rows: n });
  }
  return orphans;
}

export async function restoreBackup(
  db: OpsDb,
  path: string,
  {
    encryptionKey,
    replace = false,
    onProgress = ignoreProgress,
    clock = () => performance.now(),
  }: { encryptionKey: string; replace?: boolean; onProgress?: OnProgress; clock?: () => number },
): Promise<RestoreReport> {
  const started = clock();
  onProgress({ phase: 'verify', percent: 0 });
  const { manifest, encrypted } = await readVerifiedBackup(path);
  if (manifest.kind === 'config')
    throw new RestoreRefusedError(
      'configuration versions are restored by hand (docs/ops/backups.md)',
    );
  const { header, rows } = splitDump(decryptBackup(encrypted, encryptionKey));
  const schemas = [...new Set(header.tables.map((t) => t.table.split('.')[0]))];
  // The audit log's table is created on first use, not by migrations: a fresh target may not have it yet.
  if (schemas.includes('tend_ops')) await ensureOpsSchema(db);
  const catalog = new Map((await readCatalog(db, schemas)).map((t) => [qualified(t), t]));
  const missing = header.tables.filter((t) => !catalog.has(t.table)).map((t) => t.table);
  if (missing.length > 0)
    throw new RestoreRefusedError(
      `target database lacks tables ${missing.join(', ')}: run migrations first`,
    );
  const tables = restoreOrder(header.tables.map((t) => catalog.get(t.table)!));

  const incremental = header.kind === 'incremental';
  if (!incremental) {
    for (const t of tables) {
      const [{ n }] = await db.query<{ n: number }>(
        `select count(*)::int as n from ${quoteTable(t)}`,
      );
      if (n > 0 && !replace)
        throw new RestoreRefusedError(
          `${qualified(t)} is not empty: restore into a fresh database or pass replace`,
        );
    }
    if (replace) await db.query(`truncate ${tables.map(quoteTable).join(', ')} cascade`);
  }

  // Expand tables into steps; task rows split into active then completed, as the operations specification's priority order says.
  const steps: { group: RestoreGroup; table: TableInfo; raws: string[] }[] = [];
  for (const t of tables) {
    const raws = rows.get(qualified(t)) ?? [];
    const group = groupOfTable(t);
    if (group === 'active_tasks' && t.columns.includes('completed_at')) {
      steps.push({ group, table: t, raws: raws.filter((r) => !isCompleted(r)) });
      steps.push({ group: 'completed_tasks', table: t, raws: raws.filter(isCompleted) });
    } else steps.push({ group, table: t, raws });
  }
  const total = steps.reduce((sum, s) => sum + s.raws.length, 0) || 1;
  let written = 0;
  const report: RestoreStep[] = [];
  for (let i = 0; i < steps.length;) {
    const group = steps[i].group;
    const groupSteps: typeof steps = [];
    while (i < steps.length && steps[i].group === group) groupSteps.push(steps[i++]);
    await db.transaction(async (tx) => {
      for (const step of groupSteps) {
        const t0 = clock();
        await insertRows(tx, step.table, step.raws);
        written += step.raws.length;
        report.push({
          group,
          table: qualified(step.table),
          rows: step.raws.length,
          durationMs: Math.round(clock() - t0),
        });
        onProgress({
          phase: `restore:${group}`,
          table: qualified(step.table),
          rows: step.raws.length,
          percent: Math.round((written / total) * 85),
        });
      }
    });
  }

  onProgress({ phase: 'sequences', percent: 88 });
  await resetSequences(db, tables);
  for (const { schemaname, matviewname } of await db.query<{
    schemaname: string;
    matviewname: string;
  }>('select schemaname, matviewname from pg_matviews where schemaname = any($1::text[])', [
    schemas,
  ])) {
    await db.query(
      `refresh materialized view ${quoteTable({ schema: schemaname, name: matviewname })}`,
    );
  }

  onProgress({ phase: 'validate', percent: 92 });
  const validation = await db.transaction(async (tx) => {
    await tx.query(`set local timezone = 'UTC'`);
    const out: RestoreReport['validation']['tables'] = [];
    for (const digest of header.tables) {
      const { lines, digest: actual } = await readTableRows(tx, catalog.get(digest.table)!);
      // After an incremental restore the table also holds the rows of the full backup under it.
      out.push({
        table: digest.table,
        expectedRows: digest.rows,
        actualRows: lines.length,
        digestMatches: incremental ? null : actual === digest.sha256,
      });
    }
    return out;
  });
  const orphans = await findOrphans(db, schemas);
  const ok =
    orphans.length === 0 &&
    validation.every((v) =>
      incremental
        ? v.actualRows >= v.expectedRows
        : v.digestMatches && v.actualRows === v.expectedRows,
    );
  onProgress({
    phase: 'done',
    percent: 100,
    message: ok ? 'restore validated' : 'restore finished with validation failures',
  });
  return {
    ok,
    file: manifest.file,
    kind: header.kind,
    createdAt: header.createdAt,
    steps: report,
    validation: {
      checksum: 'ok',
      tables: validation,
      orphans,
      userAcceptanceTest:
        'pending: sign in as a known user and check their tasks (docs/ops/backups.md)',
    },
    durationMs: Math.round(clock() - started),
  };
}
