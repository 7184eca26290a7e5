// The planner's row counts when PostgreSQL's autovacuum is off. Autovacuum analyses a table once about a
// tenth of it has changed; without it nothing does until the daily maintenance, and a statement a
// connection prepared while `tasks` was nearly empty (the first pushes of a new installation) keeps a
// generic plan that scans the whole table on every push, growing with every account's tasks, for the
// connection's life. ANALYZE updates the counts and makes every connection plan its statements again.
// With autovacuum off the server does that part of autovacuum's work itself, by the same rule.
import type { Db } from './types';

/** The tables the sync path reads by index on every request. */
const WATCHED_TABLES = [
  'public.tasks',
  'public.sync_log',
  'public.sync_state',
  'public.projects',
  'public.sections',
  'public.labels',
  'public.comments',
] as const;

/** Autovacuum's defaults: analyse after 50 rows plus a tenth of the table changed. */
const ANALYZE_THRESHOLD = 50;
const ANALYZE_SCALE_FACTOR = 0.1;

/** One instance analyses at a time; the others skip the round. */
const ANALYZE_LOCK = 7420817;

export async function autovacuumIsOff(db: Db): Promise<boolean> {
  if (db.kind !== 'postgres') return false;
  const [row] = await db.query<{ autovacuum: string }>('show autovacuum');
  return row?.autovacuum === 'off';
}

/**
 * Analyses the watched tables changed by more than autovacuum's threshold since their last ANALYZE
 * (none analysed yet counts as empty), and returns their names. Empty when another instance holds
 * the round.
 */
export async function analyzeChangedTables(db: Db): Promise<string[]> {
  return db.withTimeout(0).transaction(async (tx) => {
    const [{ locked }] = await tx.query<{ locked: boolean }>(
      'select pg_try_advisory_xact_lock($1) as locked',
      [ANALYZE_LOCK],
    );
    if (!locked) return [];
    const stale = await tx.query<{ name: string }>(
      `select format('%I.%I', s.schemaname, s.relname) as name
         from pg_stat_user_tables s join pg_class c on c.oid = s.relid
        where format('%I.%I', s.schemaname, s.relname) = any($1::text[])
          and s.n_mod_since_analyze > $2 + $3 * greatest(c.reltuples, 0)
        order by 1`,
      [WATCHED_TABLES, ANALYZE_THRESHOLD, ANALYZE_SCALE_FACTOR],
    );
    // Names come from the catalogue, quoted by format('%I'), and are among WATCHED_TABLES.
    for (const { name } of stale) await tx.exec(`analyze ${name}`);
    return stale.map((row) => row.name);
  });
}

interface KeeperOptions {
  intervalMs?: number;
  onAnalyzed?: (tables: string[]) => void;
  onError?: (error: unknown) => void;
}

/** Checks every `intervalMs` (a minute, as autovacuum's naptime); returns the stop. */
export function keepStatistics(
  db: Db,
  { intervalMs = 60_000, onAnalyzed, onError }: KeeperOptions = {},
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    analyzeChangedTables(db)
      .then((tables) => tables.length > 0 && onAnalyzed?.(tables))
      .catch((error: unknown) => onError?.(error))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
