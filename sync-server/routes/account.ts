// The signed-in user's own account: DELETE /api/account (with the current password) removes the user and
// everything they own; GET /api/account/export downloads their tasks in the client's export format.
import { Hono } from 'hono';
import { z } from 'zod';
import { buildExport, serializeExport } from '../../src/core/transfer/json-export';
import { verifyPassword } from '../auth/password';
import { MAX_PASSWORD_LENGTH } from '../auth/password-policy';
import { revokeAccountSessions } from '../auth/revoke-account-sessions';
import { findUserById } from '../auth/users';
import type { AppContext, AppEnv } from '../context';
import type { Queryable } from '../db/types';
import { HttpError } from '../errors';
import { requireUser } from '../middleware/auth';
import { readJson } from '../middleware/json-body';
import {
  COMMENT_COLUMNS,
  LABEL_COLUMNS,
  PROJECT_COLUMNS,
  SECTION_COLUMNS,
  TASK_COLUMNS,
  rowToComment,
  rowToLabel,
  rowToProject,
  rowToRecord,
  rowToSection,
} from '../sync/records';
import type { TaskRow } from '../sync/records';

export const deleteSchema = z.object({ password: z.string().min(1).max(MAX_PASSWORD_LENGTH) });

/** Every row the user owns, children first; auth.users last (profiles and one-time links cascade). */
async function deleteAccountData(tx: Queryable, userId: string): Promise<void> {
  for (const table of [
    'tasks',
    'tasks_archive',
    'projects',
    'sections',
    'labels',
    'comments',
    'sync_log',
    'sync_state',
    'reminder_deliveries',
    'push_subscriptions',
  ]) {
    await tx.query(`delete from public.${table} where owner = $1`, [userId]);
  }
  await tx.query('delete from tend_auth.refresh_tokens where user_id = $1', [userId]);
  await tx.query('delete from auth.users where id = $1', [userId]);
}

/** Every row the user owns in one table, oldest first, as the export lists them. */
function ownRows(tx: Queryable, columns: string, table: string): Promise<TaskRow[]> {
  return tx.query<TaskRow>(
    `select ${columns} from public.${table} where owner = auth.uid() order by created_at, id`,
  );
}

export function createAccountRoutes(ctx: AppContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser(ctx));

  app.get('/export', async (c) => {
    const [rows, projects, sections, labels, comments] = await ctx.db.asUser(
      c.get('user').claims,
      (tx) =>
        Promise.all([
          tx.query<TaskRow>(
            `select ${TASK_COLUMNS} from public.tasks where owner = auth.uid()
           union all
           select ${TASK_COLUMNS} from public.tasks_archive where owner = auth.uid()
           order by created_at, id`,
          ),
          ownRows(tx, PROJECT_COLUMNS, 'projects'),
          ownRows(tx, SECTION_COLUMNS, 'sections'),
          ownRows(tx, LABEL_COLUMNS, 'labels'),
          ownRows(tx, COMMENT_COLUMNS, 'comments'),
        ]),
    );
    const file = buildExport(
      rows.map(rowToRecord),
      new Date(ctx.now()).toISOString(),
      projects.map(rowToProject),
      sections.map(rowToSection),
      labels.map(rowToLabel),
      comments.map(rowToComment),
    );
    const day = file.exportedAt.slice(0, 10);
    return c.body(serializeExport(file), 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="tend-export-${day}.json"`,
      'Cache-Control': 'no-store',
    });
  });

  app.delete('/', async (c) => {
    const caller = c.get('user');
    if (!ctx.localAuth) {
      throw new HttpError(
        422,
        'managed_by_supabase_auth',
        'Accounts are managed by Supabase Auth on this server: delete the account there',
      );
    }
    const { password } = await readJson(c, deleteSchema);
    const user = await findUserById(ctx.db, caller.id);
    if (!user) throw new HttpError(404, 'user_not_found', 'No such account');
    if (!(await verifyPassword(password, user.encrypted_password))) {
      throw new HttpError(400, 'invalid_credentials', 'The password is not correct');
    }
    // The ended sessions' markers outlive the account until its access tokens have expired; the daily
    // maintenance then deletes them, and nothing of the account is left.
    await revokeAccountSessions(ctx, user.id, (tx) => deleteAccountData(tx, user.id));
    // That an account went, and when; nothing it held (no email, no task).
    await ctx.audit?.({ actor: caller, action: 'account.delete', subject: user.id });
    // The statistics view keeps one row per owner until refreshed; refresh now rather than at the nightly job.
    await ctx.db
      .query('refresh materialized view concurrently public.task_statistics')
      .catch((error: unknown) =>
        ctx.logger.warn({ err: error }, 'task statistics not refreshed after account deletion'),
      );
    return c.body(null, 204);
  });

  return app;
}
