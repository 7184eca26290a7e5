// Exactly one run per scheduled time across every instance sharing the database. The claim runs in one short
// transaction under a transaction-scoped advisory lock (so it needs no dedicated connection from the pool and
// is released even if the process dies), and records the run in tend_ops.job_runs; the job itself then runs
// outside any transaction, which VACUUM requires.
import type { OpsDb } from '../db';
import { ensureOpsSchema } from '../schema';

/** Stable 32-bit key per job name (FNV-1a). */
function lockKey(name: string): number {
  let hash = 0x811c9dc5;
  for (const char of `tend-ops:${name}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return hash | 0;
}

export async function claimRun(
  db: OpsDb,
  job: string,
  scheduledFor: Date,
  holder: string,
): Promise<boolean> {
  await ensureOpsSchema(db);
  return db.transaction(async (tx) => {
    const [{ locked }] = await tx.query<{ locked: boolean }>(
      'select pg_try_advisory_xact_lock($1) as locked',
      [lockKey(job)],
    );
    if (!locked) return false;
    const rows = await tx.query(
      `insert into tend_ops.job_runs (job, scheduled_for, holder) values ($1, $2, $3)
       on conflict (job, scheduled_for) do nothing returning job`,
      [job, scheduledFor.toISOString(), holder],
    );
    return rows.length === 1;
  });
}

export async function finishRun(
  db: OpsDb,
  job: string,
  scheduledFor: Date,
  ok: boolean,
  report: unknown,
) {
  await db.query(
    `update tend_ops.job_runs set finished_at = now(), ok = $3, report = $4::text::jsonb
      where job = $1 and scheduled_for = $2`,
    [job, scheduledFor.toISOString(), ok, JSON.stringify(report)],
  );
}
