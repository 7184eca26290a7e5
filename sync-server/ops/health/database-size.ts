// The Storage Warning alert's number when PostgreSQL holds the data: the database's own size against the
// plan's limit (Supabase and managed PostgreSQL cap the database, not the app host's disk, which on Vercel
// is a throwaway function filesystem). PGlite keeps its data in DATA_DIR, so there the disk is the measure.
import type { OpsDb } from '../db';
import { checkStorage, type CheckResult } from './checks';

/** Supabase's free plan caps a database at 500 MB; DATABASE_SIZE_LIMIT_MB names another plan's limit. */
export const DEFAULT_DATABASE_SIZE_LIMIT_MB = 500;

async function checkDatabaseSize(
  db: OpsDb,
  limitBytes: number,
  warnRatio = 0.8,
  failRatio = 0.95,
): Promise<CheckResult> {
  try {
    const rows = await db.query<{ bytes: string }>(
      'select pg_database_size(current_database())::text as bytes',
    );
    const databaseBytes = Number(rows[0]?.bytes ?? 0);
    const ratio = databaseBytes / limitBytes;
    return {
      status: ratio > failRatio ? 'unhealthy' : ratio > warnRatio ? 'degraded' : 'healthy',
      source: 'database',
      usedRatio: Math.round(ratio * 1000) / 1000,
      databaseBytes,
      limitBytes,
    };
  } catch (error) {
    return {
      status: 'unhealthy',
      source: 'database',
      message: error instanceof Error ? error.message : String(error),
    };
  }
}

/** Storage in use where the data lives: the database's size on PostgreSQL, the data and backup
 * directories' disk on PGlite. */
export async function checkDataStorage(
  db: OpsDb,
  { paths, databaseLimitBytes }: { paths: readonly string[]; databaseLimitBytes: number },
): Promise<CheckResult> {
  if (db.kind === 'postgres') return checkDatabaseSize(db, databaseLimitBytes);
  const usage = { ...(await checkStorage(paths)), source: 'disk' };
  // A read-only volume can have plenty of free space: the write probe is what knows.
  const fault = db.storageFault?.();
  return fault ? { ...usage, status: 'unhealthy', message: fault } : usage;
}
