// Tables operations needs beyond the app's migrations: the staff audit log (the shared ops state, job runs
// included, has its own migration). Created idempotently on first use in their own schema, with RLS on and no policies, so only the
// privileged connection reaches them (never `authenticated` or `anon`).
import type { OpsDb } from './db';

const OPS_SCHEMA_SQL = [
  'create schema if not exists tend_ops',
  'revoke all on schema tend_ops from public',
  `create table if not exists tend_ops.audit_log (
     id bigint generated always as identity primary key,
     at timestamptz not null default now(),
     actor uuid not null,
     actor_role text not null,
     action text not null,
     subject uuid,
     request_id text,
     details jsonb not null default '{}'::jsonb
   )`,
  'create index if not exists audit_log_at on tend_ops.audit_log (at)',
  'alter table tend_ops.audit_log enable row level security',
];

const ready = new WeakMap<object, Promise<void>>();

export function ensureOpsSchema(db: OpsDb): Promise<void> {
  let pending = ready.get(db);
  if (!pending) {
    pending = db.transaction(async (tx) => {
      // Two instances starting together: one creates, the other waits and finds it done.
      await tx.query('select pg_advisory_xact_lock(7420816)');
      for (const sql of OPS_SCHEMA_SQL) await tx.query(sql);
    });
    pending.catch(() => ready.delete(db));
    ready.set(db, pending);
  }
  return pending;
}
