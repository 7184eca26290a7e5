// /api/admin/*: user management (admin), audited reads of a user's tasks (support), production logs
// (developer), analytics (support), backups, restores and maintenance (admin). Permissions from rbac.ts.
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { revokeUserSessions } from '../../auth/sessions';
import { HttpError, parseOr400 } from '../../errors';
import type { AppEnv } from '../../http/env';
import { readJson } from '../../http/json-body';
import { readAudit, recordAudit } from '../audit';
import { restoreBackup } from '../backup/restore';
import { listBackups } from '../backup/store';
import { STAFF_ROLES } from '../../auth/user';
import { RBAC_MATRIX } from '../rbac';
import type { OpsRuntime } from '../runtime';
import { requirePermission } from './access';
import { getRequestId } from './observe';

const uuid = z.uuid();
const limitSchema = z.coerce.number().int().min(1).max(500).default(100);
const BACKUP_FILE = /^tend-(full|incremental)-[\w-]+\.bak$/;

const userPatchSchema = z
  .object({ role: z.enum(STAFF_ROLES).nullable().optional(), disabled: z.boolean().optional() })
  .strict()
  .refine((b) => b.role !== undefined || b.disabled !== undefined, {
    message: 'Change role or disabled',
  });

const restoreSchema = z
  .object({
    file: z.string().regex(BACKUP_FILE, 'A backup file name from GET /api/admin/backups'),
    confirm: z.literal('RESTORE'),
    replace: z.boolean().default(false),
  })
  .strict();

const backupSchema = z.object({ kind: z.enum(['full', 'incremental']).default('full') }).strict();

const requestId = (c: Context<AppEnv>) => getRequestId(c);

/** The last lines of a log file, newest last, without reading a huge file whole. */
async function tailLines(path: string, maxBytes = 512 * 1024): Promise<string[]> {
  const { size } = await stat(path);
  const handle = await open(path, 'r');
  try {
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split('\n').filter(Boolean);
    return size > maxBytes ? lines.slice(1) : lines;
  } finally {
    await handle.close();
  }
}

export function installAdminRoutes(app: Hono<AppEnv>, ops: OpsRuntime) {
  const { ctx, settings } = ops;
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
      requestId: requestId(c),
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
    const rows = await db.transaction(async (tx) => {
      const updated = await tx.query<{ id: string; role: string | null; disabled: boolean }>(
        `update auth.users
            set raw_app_meta_data = jsonb_strip_nulls(raw_app_meta_data || $2::text::jsonb), updated_at = now()
          where id = $1
          returning id, raw_app_meta_data ->> 'role' as role,
                    coalesce((raw_app_meta_data ->> 'disabled')::boolean, false) as disabled`,
        [id, JSON.stringify(patch)],
      );
      // A disabled user's refresh tokens stop working now; their access token expires within JWT_EXPIRY.
      if (updated.length > 0 && body.disabled) await revokeUserSessions(tx, id);
      return updated;
    });
    if (rows.length === 0) throw new HttpError(404, 'not_found', 'No such user');
    await recordAudit(db, {
      actor,
      action: 'users.update',
      subject: id,
      requestId: requestId(c),
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
      requestId: requestId(c),
    });
    const tasks = await db.query(
      `select id, title, notes, due, priority, project, labels, recurrence, completed_at, deleted_at, created_at, updated_at
         from public.tasks where owner = $1 order by updated_at desc limit $2`,
      [id, limit],
    );
    return c.json({ owner: id, tasks });
  });

  app.get('/api/admin/analytics', requirePermission(ctx, 'analytics:read'), async (c) => {
    const [totals] = await db.query(
      `select count(*)::int as users, coalesce(sum(total), 0)::int as tasks, coalesce(sum(completed), 0)::int as completed,
              coalesce(sum(overdue), 0)::int as overdue, max(refreshed_at) as refreshed_at
         from public.task_statistics`,
    );
    return c.json({ totals });
  });

  app.get('/api/admin/logs', requirePermission(ctx, 'logs:read'), async (c) => {
    const limit = parseOr400(limitSchema, c.req.query('limit'));
    const minLevel = parseOr400(
      z.coerce.number().int().min(0).max(60).default(0),
      c.req.query('level'),
    );
    if (!settings.logDir) {
      return c.json({
        configured: false,
        message: 'LOG_DIR is not set: logs go to the platform log stream',
        lines: [],
      });
    }
    let lines: string[];
    try {
      lines = await tailLines(join(settings.logDir, 'combined.log'));
    } catch {
      lines = [];
    }
    const entries = lines
      .map((l) => {
        try {
          return JSON.parse(l) as { level?: number };
        } catch {
          return null;
        }
      })
      .filter((e): e is { level?: number } => e !== null && (e.level ?? 0) >= minLevel)
      .slice(-limit);
    await recordAudit(db, {
      actor: c.get('user'),
      action: 'logs.read',
      requestId: requestId(c),
      details: { count: entries.length },
    });
    return c.json({ configured: true, lines: entries });
  });

  app.get('/api/admin/audit', requirePermission(ctx, 'audit:read'), async (c) =>
    c.json({ entries: await readAudit(db, parseOr400(limitSchema, c.req.query('limit'))) }),
  );

  app.get('/api/admin/backups', requirePermission(ctx, 'backups:manage'), async (c) =>
    c.json({ dir: settings.backupDir, backups: await listBackups(settings.backupDir) }),
  );

  app.post('/api/admin/backups', requirePermission(ctx, 'backups:manage'), async (c) => {
    const { kind } = await readJson(c, backupSchema);
    const job = ops.jobs.start(`backup:${kind}`, (onProgress) =>
      ops.runJob('backup', { kind, onProgress }),
    );
    await recordAudit(db, {
      actor: c.get('user'),
      action: 'backup.start',
      requestId: requestId(c),
      details: { kind, job: job.id },
    });
    return c.json({ job }, 202);
  });

  app.post('/api/admin/restore', requirePermission(ctx, 'backups:manage'), async (c) => {
    const body = await readJson(c, restoreSchema);
    const path = join(settings.backupDir, body.file);
    const job = ops.jobs.start('restore', (onProgress) =>
      restoreBackup(db, path, {
        encryptionKey: ctx.secrets.encryptionKey,
        replace: body.replace,
        onProgress,
      }),
    );
    await recordAudit(db, {
      actor: c.get('user'),
      action: 'restore.start',
      requestId: requestId(c),
      details: { file: body.file, replace: body.replace, job: job.id },
    });
    return c.json({ job }, 202);
  });

  app.get('/api/admin/jobs/:id', requirePermission(ctx, 'backups:manage'), (c) => {
    const job = ops.jobs.get(c.req.param('id'));
    if (!job) throw new HttpError(404, 'not_found', 'No such job on this instance');
    return c.json({ job });
  });

  app.post('/api/admin/maintenance', requirePermission(ctx, 'database:manage'), async (c) => {
    const { report } = await ops.runJob('daily-cleanup');
    await recordAudit(db, {
      actor: c.get('user'),
      action: 'maintenance.run',
      requestId: requestId(c),
    });
    return c.json({ report });
  });
}
