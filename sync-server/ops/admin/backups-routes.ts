// /api/admin/backups, /api/admin/restore, /api/admin/jobs/:id (admin): list backups, start a backup or a
// restore as a job on this instance, and poll its progress through any instance.
import { join } from 'node:path';
import type { Hono } from 'hono';
import { z } from 'zod';
import { HttpError } from '../../errors';
import { readJson } from '../../middleware/json-body';
import { restoreBackup } from '../backup/restore';
import { listBackups } from '../backup/store';
import type { OpsRuntime } from '../runtime';
import { requirePermission } from '../../middleware/require-permission';
import { getRequestId } from '../../middleware/request-observer';
import { recordAudit } from './audit-log';
import type { AppEnv } from '../../context';

const BACKUP_FILE = /^tend-(full|incremental)-[\w-]+\.bak$/;

export const restoreSchema = z
  .object({
    file: z.string().regex(BACKUP_FILE, 'A backup file name from GET /api/admin/backups'),
    confirm: z.literal('RESTORE'),
    replace: z.boolean().default(false),
  })
  .strict();

export const backupSchema = z
  .object({ kind: z.enum(['full', 'incremental']).default('full') })
  .strict();

export function installBackupRoutes(app: Hono<AppEnv>, ops: OpsRuntime) {
  const { ctx, settings } = ops;
  const db = ctx.db;

  app.get('/api/admin/backups', requirePermission(ctx, 'backups:manage'), async (c) =>
    c.json({ dir: settings.backupDir, backups: await listBackups(settings.backupDir) }),
  );

  app.post('/api/admin/backups', requirePermission(ctx, 'backups:manage'), async (c) => {
    const { kind } = await readJson(c, backupSchema);
    const job = await ops.jobs.start(`backup:${kind}`, (onProgress) =>
      ops.runJob('backup', { kind, onProgress }),
    );
    await recordAudit(db, {
      actor: c.get('user'),
      action: 'backup.start',
      requestId: getRequestId(c),
      details: { kind, job: job.id },
    });
    return c.json({ job }, 202);
  });

  app.post('/api/admin/restore', requirePermission(ctx, 'backups:manage'), async (c) => {
    const body = await readJson(c, restoreSchema);
    const path = join(settings.backupDir, body.file);
    const job = await ops.jobs.start('restore', (onProgress) =>
      restoreBackup(db.withTimeout(0), path, {
        encryptionKey: ctx.secrets.encryptionKey,
        replace: body.replace,
        onProgress,
      }),
    );
    await recordAudit(db, {
      actor: c.get('user'),
      action: 'restore.start',
      requestId: getRequestId(c),
      details: { file: body.file, replace: body.replace, job: job.id },
    });
    return c.json({ job }, 202);
  });

  app.get('/api/admin/jobs/:id', requirePermission(ctx, 'backups:manage'), async (c) => {
    const id = c.req.param('id');
    // Jobs live in shared state: any instance answers for a job another one runs.
    const job = z.uuid().safeParse(id).success ? await ops.jobs.get(id) : undefined;
    if (!job) throw new HttpError(404, 'not_found', 'No such job');
    return c.json({ job });
  });
}
