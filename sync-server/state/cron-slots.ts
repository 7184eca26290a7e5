// Exactly one run per scheduled slot across every instance, with retries: a slot is claimed by a conditional
// insert into tend_ops.job_runs (one row per job and slot), held by a lease the runner renews while it works.
// A slot whose run failed, or whose runner vanished (its lease expired), can be claimed again, up to
// `maxAttempts` times. Kept in PostgreSQL even when Redis is configured: the run record is the job history.
import type { StateBackend } from './backend';

interface CronSlot {
  job: string;
  slot: Date;
}

export interface CronSlots {
  /** True when this instance won the slot and must run it. */
  claim(job: string, slot: Date): Promise<boolean>;
  /** Extends the lease of a slot this instance holds. */
  renew(job: string, slot: Date): Promise<void>;
  finish(job: string, slot: Date, ok: boolean, report: unknown): Promise<void>;
  /** Slots since `since` that failed or were abandoned and may be tried again. */
  retryable(since: Date): Promise<CronSlot[]>;
}

export function createCronSlots(
  { db, instanceId }: Pick<StateBackend, 'db' | 'instanceId'>,
  { leaseMs = 60_000, maxAttempts = 3 }: { leaseMs?: number; maxAttempts?: number } = {},
): CronSlots {
  /** A run that failed, or whose runner stopped renewing its lease, with attempts left ($n: the limit). */
  const retryableWhere = (n: number) =>
    `r.attempts < $${n} and (r.ok = false or (r.finished_at is null and r.lease_until < now()))`;
  return {
    async claim(job, slot) {
      const rows = await db.query(
        `insert into tend_ops.job_runs as r (job, scheduled_for, holder, lease_until, attempts)
         values ($1, $2, $4, now() + $5 * interval '1 millisecond', 1)
         on conflict (job, scheduled_for) do update
           set holder = excluded.holder, started_at = now(), lease_until = excluded.lease_until,
               attempts = r.attempts + 1, finished_at = null, ok = null, report = null
           where ${retryableWhere(3)}
         returning job`,
        [job, slot.toISOString(), maxAttempts, instanceId, leaseMs],
      );
      return rows.length === 1;
    },
    async renew(job, slot) {
      await db.query(
        `update tend_ops.job_runs set lease_until = now() + $4 * interval '1 millisecond'
          where job = $1 and scheduled_for = $2 and holder = $3 and finished_at is null`,
        [job, slot.toISOString(), instanceId, leaseMs],
      );
    },
    async finish(job, slot, ok, report) {
      await db.query(
        `update tend_ops.job_runs set finished_at = now(), ok = $4, report = $5::text::jsonb
          where job = $1 and scheduled_for = $2 and holder = $3`,
        [job, slot.toISOString(), instanceId, ok, JSON.stringify(report ?? null)],
      );
    },
    async retryable(since) {
      const rows = await db.query<{ job: string; scheduled_for: Date | string }>(
        `select job, scheduled_for from tend_ops.job_runs r
          where scheduled_for >= $1 and ${retryableWhere(2)}
          order by scheduled_for`,
        [since.toISOString(), maxAttempts],
      );
      return rows.map((r) => ({ job: r.job, slot: new Date(r.scheduled_for) }));
    },
  };
}
