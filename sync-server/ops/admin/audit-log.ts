// The audit trail of staff actions: every read of a user's data and every administrative change, with who,
// in which role, on whom, and the request id that ties it to the logs.
import type { AuthUser } from '../../auth/user';
import type { OpsDb } from '../db';
import { ensureOpsSchema } from '../schema';

interface AuditEntry {
  actor: AuthUser;
  action: string;
  subject?: string | null;
  requestId?: string | null;
  details?: Record<string, unknown>;
}

export async function recordAudit(db: OpsDb, entry: AuditEntry): Promise<void> {
  await ensureOpsSchema(db);
  await db.query(
    `insert into tend_ops.audit_log (actor, actor_role, action, subject, request_id, details)
     values ($1, $2, $3, $4, $5, $6::text::jsonb)`,
    [
      entry.actor.id,
      entry.actor.staffRole ?? 'none',
      entry.action,
      entry.subject ?? null,
      entry.requestId ?? null,
      JSON.stringify(entry.details ?? {}),
    ],
  );
}

export async function readAudit(db: OpsDb, limit: number) {
  await ensureOpsSchema(db);
  return db.query(
    `select id::text, at, actor, actor_role, action, subject, request_id, details
       from tend_ops.audit_log order by id desc limit $1`,
    [limit],
  );
}
