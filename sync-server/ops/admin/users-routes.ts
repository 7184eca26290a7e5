// /api/admin/rbac, /api/admin/users*: the roles matrix, the user list and role or disabled changes (admin), and
// audited reads of one user's tasks (support).
import type { Hono } from 'hono';
import { z } from 'zod';
import { revokeSessions } from '../../auth/sessions';
import { STAFF_ROLES } from '../../auth/user';
import { HttpError, parseOr400 } from '../../errors';
import { readJson } from '../../middleware/json-body';
import type { OpsRuntime } from '../runtime';
import { requirePermission } from '../../middleware/require-permission';
import { getRequestId } from '../../middleware/request-observer';
import { recordAudit } from './audit-log';
import { limitSchema } from './limit';
import { RBAC_MATRIX } from '../../auth/rbac';
import type { AppEnv } from '../../context';

const uuid = z.uuid();

export const userPatchSchema = z
  .object({ role: z.enum(STAFF_ROLES).nullable().optional(), disabled: z.boolean().optional() })
  .strict()
  .refine((b) => b.role !== undefined || b.disabled !== undefined, {
    message: 'Change role or disabled',
  });

export function installUserRoutes(app: Hono<AppEnv>, ops: OpsRuntime) {
  const { ctx } = ops;
  const db = ctx.db;

  app.get('/api/admin/rbac', requirePermission(ctx, 'dashboard:read'), (c) =>
    c.json({ roles: RBAC_MATRIX }),
  );

  app.get('/api/admin/users', requirePermission(ctx, 'users:read'), async (c) => {
    const limit = parseOr400(limitSchema, c.req.query('limit'));
    const users = await db.query(
      `select id, email, raw_app_meta_data ->> 'role' as role,
              coalesce((raw_app_meta_data ->> 'disabled')::boolean, false) as disabled, created_at, last_sign_in_at
         from auth.users order by created_at desc limit $1`,
      [limit],
    );
    await recordAudit(db, {
      actor: c.get('user'),
      action: 'users.list',
      requestId: getRequestId(c),
      details: { count: users.length },
    });
    return c.json({ users });
  });

  app.patch('/api/admin/users/:id', requirePermission(ctx, 'users:manage'), async (c) => {
    const id = parseOr400(uuid, c.req.param('id'));
    const body = await readJson(c, userPatchSchema);
    const actor = c.get('user');
    if (
      id === actor.id &&
      (body.disabled === true || (body.role !== undefined && body.role !== 'admin'))
    ) {
      throw new HttpError(409, 'self_lockout', 'An admin cannot disable or demote themselves');
    }
    const patch: Record<string, unknown> = {};
    if (body.role !== undefined) patch.role = body.role;
    if (body.disabled !== undefined) patch.disabled = body.disabled;
    const { rows, ended } = await db.transaction(async (tx) => {
      const updated = await tx.query<{ id: string; role: string | null; disabled: boolean }>(
        `update auth.users
            set raw_app_meta_data = jsonb_strip_nulls(raw_app_meta_data || $2::text::jsonb), updated_at = now()
          where id = $1
          returning id, raw_app_meta_data ->> 'role' as role,
                    coalesce((raw_app_meta_data ->> 'disabled')::boolean, false) as disabled`,
        [id, JSON.stringify(patch)],
      );
      // Disabled or given another role: every session ends now, on every instance (the next sign-in
      // carries the new role).
      const ended =
        updated.length > 0 && (body.disabled || body.role !== undefined)
          ? await revokeSessions(tx, id)
          : [];
      return { rows: updated, ended };
    });
    await ctx.revokedSessions.noteRevoked(ended);
    if (rows.length === 0) throw new HttpError(404, 'not_found', 'No such user');
    await recordAudit(db, {
      actor,
      action: 'users.update',
      subject: id,
      requestId: getRequestId(c),
      details: patch,
    });
    return c.json({ user: rows[0] });
  });

  app.get('/api/admin/users/:id/tasks', requirePermission(ctx, 'user_data:read'), async (c) => {
    const id = parseOr400(uuid, c.req.param('id'));
    const limit = parseOr400(limitSchema, c.req.query('limit'));
    // Audited before the read: a failed or aborted read was still an attempt to look.
    await recordAudit(db, {
      actor: c.get('user'),
      action: 'user_data.read_tasks',
      subject: id,
      requestId: getRequestId(c),
    });
    const tasks = await db.query(
      `select id, title, notes, due, priority, project, labels, recurrence, completed_at, deleted_at, created_at, updated_at
         from public.tasks where owner = $1 order by updated_at desc limit $2`,
      [id, limit],
    );
    return c.json({ owner: id, tasks });
  });
}
