// The operations specification's daily maintenance, step by step, each timed and reported. Runs on the privileged connection and
// outside any transaction: VACUUM refuses to run inside one. Archiving and log pruning go through the
// migrations' own functions so the SQL exists once (they are the operations specification's INSERT ... SELECT / DELETE).
import type { OpsDb } from '../db';
import { PRUNE_REVOKED_SESSIONS_SQL } from '../../state/sessions';

interface MaintenanceStep {
  name: string;
  sql: string;
  ok: boolean;
  durationMs: number;
  rows?: number;
  error?: string;
}

interface MaintenanceReport {
  ok: boolean;
  startedAt: string;
  durationMs: number;
  steps: MaintenanceStep[];
}

const MAINTENANCE_STEPS: readonly { name: string; sql: string; returnsRows?: boolean }[] = [
  { name: 'analyze tasks', sql: 'analyze public.tasks' },
  { name: 'analyze users', sql: 'analyze auth.users' },
  { name: 'analyze sync_log', sql: 'analyze public.sync_log' },
  { name: 'vacuum tasks', sql: 'vacuum (analyze) public.tasks' },
  { name: 'vacuum sync_log', sql: 'vacuum (analyze) public.sync_log' },
  {
    name: 'refresh task_statistics',
    sql: 'refresh materialized view concurrently public.task_statistics',
  },
  {
    name: 'archive tasks deleted over 90 days ago',
    sql: `select public.archive_deleted_tasks(interval '90 days') as rows`,
    returnsRows: true,
  },
  {
    name: 'delete sync_log older than 30 days',
    sql: `select public.prune_sync_log(interval '30 days') as rows`,
    returnsRows: true,
  },
  {
    name: 'delete revoked-session markers whose tokens have expired',
    sql: `with gone as (${PRUNE_REVOKED_SESSIONS_SQL} returning 1) select count(*)::int as rows from gone`,
    returnsRows: true,
  },
  {
    name: 'delete expired rate-limit counters',
    sql: `with gone as (delete from tend_auth.rate_limits
            where expires_at < extract(epoch from now()) * 1000 returning 1)
          select count(*)::int as rows from gone`,
    returnsRows: true,
  },
];

export async function runDailyCleanup(
  db: OpsDb,
  {
    now = () => Date.now(),
    clock = () => performance.now(),
  }: { now?: () => number; clock?: () => number } = {},
): Promise<MaintenanceReport> {
  const started = clock();
  const startedAt = new Date(now()).toISOString();
  const steps: MaintenanceStep[] = [];
  // A failed step is reported and the rest still run: a stuck VACUUM must not stop the archive.
  for (const step of MAINTENANCE_STEPS) {
    const t0 = clock();
    try {
      const rows = await db.query<{ rows?: number }>(step.sql);
      steps.push({
        name: step.name,
        sql: step.sql,
        ok: true,
        durationMs: Math.round(clock() - t0),
        ...(step.returnsRows ? { rows: Number(rows[0]?.rows ?? 0) } : {}),
      });
    } catch (error) {
      steps.push({
        name: step.name,
        sql: step.sql,
        ok: false,
        durationMs: Math.round(clock() - t0),
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return {
    ok: steps.every((s) => s.ok),
    startedAt,
    durationMs: Math.round(clock() - started),
    steps,
  };
}
