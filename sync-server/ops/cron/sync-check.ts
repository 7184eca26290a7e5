// The quarter-hourly sync check: rejected changes in the last hour, clients whose pushes keep being rejected
// (their outbox cannot drain: the nearest thing to a stuck outbox the server can see), then the alert rules.
import type { OpsDb } from '../db';

interface SyncCheckReport {
  failuresLastHour: number;
  appliedLastHour: number;
  stuckClients: {
    owner: string;
    clientId: string | null;
    rejections: number;
    lastCode: string | null;
  }[];
}

export async function checkSync(
  db: OpsDb,
  now: Date,
  stuckThreshold = 3,
): Promise<SyncCheckReport> {
  const at = now.toISOString();
  const [counts] = await db.query<{ failures: number; applied: number }>(
    `select count(*) filter (where status = 'rejected')::int as failures,
            count(*) filter (where status = 'applied')::int as applied
       from public.sync_log where synced_at > $1::timestamptz - interval '1 hour' and synced_at <= $1::timestamptz`,
    [at],
  );
  const stuck = await db.query<{
    owner: string;
    client_id: string | null;
    rejections: number;
    last_code: string | null;
  }>(
    `select owner, client_id, count(*)::int as rejections,
            (array_agg(code order by synced_at desc))[1] as last_code
       from public.sync_log
      where synced_at > $1::timestamptz - interval '1 hour' and synced_at <= $1::timestamptz
      group by owner, client_id
     having count(*) filter (where status = 'rejected') >= $2
        and bool_and(status = 'rejected')
      order by rejections desc limit 100`,
    [at, stuckThreshold],
  );
  return {
    failuresLastHour: counts.failures,
    appliedLastHour: counts.applied,
    stuckClients: stuck.map((s) => ({
      owner: s.owner,
      clientId: s.client_id,
      rejections: s.rejections,
      lastCode: s.last_code,
    })),
  };
}
