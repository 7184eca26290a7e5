// The numbers of the dashboard that live in the database: active users (sync activity and sign-ins), tasks
// created and completed in the last 24 h, sync outcomes in the last hour, and open connections.
import type { OpsDb } from '../db';
import type { DbMetrics } from './snapshot';

export async function readDbMetrics(db: OpsDb, now: Date): Promise<DbMetrics> {
  const at = now.toISOString();
  const [active] = await db.query<{ daily: number; weekly: number; monthly: number }>(
    `with activity as (
       select owner as id, synced_at as at from public.sync_log where synced_at > $1::timestamptz - interval '30 days'
       union all
       select id, last_sign_in_at from auth.users where last_sign_in_at > $1::timestamptz - interval '30 days'
     )
     select count(distinct id) filter (where at > $1::timestamptz - interval '1 day')::int as daily,
            count(distinct id) filter (where at > $1::timestamptz - interval '7 days')::int as weekly,
            count(distinct id)::int as monthly
       from activity where at <= $1::timestamptz`,
    [at],
  );
  const [usage] = await db.query<{ created: number; completed: number }>(
    `select count(*)::int as created, count(*) filter (where completed_at is not null)::int as completed
       from (select created_at, completed_at from public.tasks
             union all select created_at, completed_at from public.tasks_archive) t
      where created_at > $1::timestamptz - interval '1 day' and created_at <= $1::timestamptz`,
    [at],
  );
  const [sync] = await db.query<{ failures: number; applied: number }>(
    `select count(*) filter (where status = 'rejected')::int as failures,
            count(*) filter (where status = 'applied')::int as applied
       from public.sync_log where synced_at > $1::timestamptz - interval '1 hour' and synced_at <= $1::timestamptz`,
    [at],
  );
  // PGlite is one embedded connection; on PostgreSQL count this database's backends.
  const connections =
    db.kind === 'pglite'
      ? 1
      : (
          await db.query<{ n: number }>(
            'select count(*)::int as n from pg_stat_activity where datname = current_database()',
          )
        )[0].n;
  return {
    activeUsers: active,
    tasksCreated24h: usage.created,
    tasksCompleted24h: usage.completed,
    databaseConnections: connections,
    syncFailuresLastHour: sync.failures,
    syncAppliedLastHour: sync.applied,
  };
}
