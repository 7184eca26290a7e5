// What a backup contains and in which order a restore writes it: tables read from the catalog (so a new
// migration is backed up without touching this code), grouped by the operations specification's restore priority and ordered so a
// table always comes after the tables its foreign keys point to.
import type { OpsQuery } from '../db';

const RESTORE_PRIORITY = [
  'authentication_system',
  'user_preferences',
  'active_tasks',
  'completed_tasks',
  'analytics_data',
] as const;
export type RestoreGroup = (typeof RESTORE_PRIORITY)[number];

export interface TableInfo {
  schema: string;
  name: string;
  /** Columns a restore may write (generated columns are recomputed by the database). */
  columns: string[];
  primaryKey: string[];
  dependsOn: string[];
  identityAlways: boolean;
}

export const qualified = (t: { schema: string; name: string }) => `${t.schema}.${t.name}`;
export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
export const quoteTable = (t: { schema: string; name: string }) =>
  `${quoteIdent(t.schema)}.${quoteIdent(t.name)}`;

export function groupOfTable(t: { schema: string; name: string }): RestoreGroup {
  if (t.schema === 'auth' || /user|profile|session|refresh_token|identit|role/.test(t.name)) {
    return 'authentication_system';
  }
  if (/pref|setting/.test(t.name)) return 'user_preferences';
  // sync_state holds the per-owner change sequence the versions of tasks, projects, sections, labels and
  // comments come from: they travel together.
  if (
    t.name === 'tasks' ||
    t.name === 'projects' ||
    t.name === 'sections' ||
    t.name === 'labels' ||
    t.name === 'comments' ||
    t.name === 'sync_state'
  )
    return 'active_tasks';
  if (/task/.test(t.name) && !/statistic/.test(t.name)) return 'completed_tasks';
  return 'analytics_data';
}

export async function readCatalog(db: OpsQuery, schemas: readonly string[]): Promise<TableInfo[]> {
  const tables = await db.query<{ schema: string; name: string }>(
    `select table_schema as schema, table_name as name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema = any($1::text[]) order by 1, 2`,
    [schemas],
  );
  const columns = await db.query<{
    schema: string;
    name: string;
    column: string;
    generated: string;
    identity: string | null;
  }>(
    `select table_schema as schema, table_name as name, column_name as column, is_generated as generated,
            identity_generation as identity
       from information_schema.columns where table_schema = any($1::text[]) order by ordinal_position`,
    [schemas],
  );
  const keys = await db.query<{ schema: string; name: string; column: string }>(
    `select n.nspname as schema, c.relname as name, a.attname as column
       from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
       join lateral unnest(i.indkey) with ordinality k(attnum, pos) on true
       join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
      where i.indisprimary and n.nspname = any($1::text[]) order by k.pos`,
    [schemas],
  );
  const fks = await db.query<{
    schema: string;
    name: string;
    ref_schema: string;
    ref_name: string;
  }>(
    `select n.nspname as schema, c.relname as name, rn.nspname as ref_schema, r.relname as ref_name
       from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
       join pg_class r on r.oid = k.confrelid join pg_namespace rn on rn.oid = r.relnamespace
      where k.contype = 'f' and n.nspname = any($1::text[])`,
    [schemas],
  );
  return tables.map((t) => {
    const key = qualified(t);
    const own = columns.filter((c) => qualified(c) === key);
    return {
      ...t,
      columns: own.filter((c) => c.generated !== 'ALWAYS').map((c) => c.column),
      identityAlways: own.some((c) => c.identity === 'ALWAYS'),
      primaryKey: keys.filter((k) => qualified(k) === key).map((k) => k.column),
      dependsOn: [
        ...new Set(
          fks
            .filter((f) => qualified(f) === key)
            .map((f) => `${f.ref_schema}.${f.ref_name}`)
            .filter((ref) => ref !== key),
        ),
      ],
    };
  });
}

/** Kahn's algorithm, always taking the ready table with the best restore priority next. */
export function restoreOrder(tables: readonly TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [qualified(t), t]));
  const done = new Set<string>();
  const ordered: TableInfo[] = [];
  const rank = (t: TableInfo) => RESTORE_PRIORITY.indexOf(groupOfTable(t));
  while (ordered.length < tables.length) {
    const ready = tables
      .filter((t) => !done.has(qualified(t)))
      .filter((t) => t.dependsOn.every((d) => done.has(d) || !byName.has(d)));
    // A foreign-key cycle: fall back to priority alone rather than stopping.
    const pool = ready.length > 0 ? ready : tables.filter((t) => !done.has(qualified(t)));
    pool.sort((a, b) => rank(a) - rank(b) || qualified(a).localeCompare(qualified(b)));
    ordered.push(pool[0]);
    done.add(qualified(pool[0]));
  }
  return ordered;
}
