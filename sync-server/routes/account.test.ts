// Delete my account and download my data, on PGlite and PostgreSQL, checked at the SQL level: after the
// deletion no table holds a row of the user, only the audit log's record that an account went.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExport } from '../../src/core/transfer/json-export';
import { issueOneTimeToken } from '../auth/one-time-tokens';
import { recordAudit } from '../ops/admin/audit-log';
import { runDailyCleanup } from '../ops/cron/daily-cleanup';
import type { TestServer } from '../test/harness';
import { commentMutation, labelMutation, sectionMutation } from '../test/fixtures';
import { createTestServer, databaseKinds } from '../test/harness';

interface Session {
  access_token: string;
  refresh_token: string;
  user: { id: string };
}

const kinds = await databaseKinds();
const json = { 'content-type': 'application/json' };

/** Every uuid column that names a user, in every schema the server writes. */
async function userColumns(server: TestServer) {
  return server.db.query<{ table_schema: string; table_name: string; column_name: string }>(
    `select c.table_schema, c.table_name, c.column_name
       from information_schema.columns c
       join information_schema.tables t using (table_schema, table_name)
      where t.table_type = 'BASE TABLE' and c.data_type = 'uuid'
        and c.table_schema in ('public', 'auth', 'tend_auth', 'tend_ops')
        and (c.column_name in ('owner', 'user_id', 'actor', 'subject')
             or (c.column_name = 'id' and (c.table_schema, c.table_name) in (('auth', 'users'), ('public', 'profiles'))))
      order by 1, 2, 3`,
  );
}

async function rowsOf(server: TestServer, userId: string) {
  const found: Record<string, number> = {};
  for (const { table_schema, table_name, column_name } of await userColumns(server)) {
    const [{ n }] = await server.db.query<{ n: number }>(
      `select count(*)::int as n from ${table_schema}.${table_name} where ${column_name} = $1`,
      [userId],
    );
    if (n > 0) found[`${table_schema}.${table_name}.${column_name}`] = n;
  }
  return found;
}

describe.each(kinds)('the account API on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    // As the hosts do: account events go to operations' audit log.
    server = await createTestServer(kind, 'account', {
      ctx: { audit: (entry) => recordAudit(server.db, entry) },
    });
  });
  afterAll(() => server?.close());

  const request = (path: string, init: RequestInit & { token?: string } = {}) =>
    server.app.request(path, {
      ...init,
      headers: { ...json, ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    });
  const signUp = async (email: string) =>
    (await (
      await request('/auth/v1/signup', {
        method: 'POST',
        body: JSON.stringify({ email, password: 'correct horse' }),
      })
    ).json()) as Session;
  const addTask = async (token: string, title: string, project?: string) =>
    (
      (await (
        await request('/api/tasks', {
          method: 'POST',
          token,
          body: JSON.stringify({ title, project }),
        })
      ).json()) as { id: string }
    ).id;

  /**
   * A user with live tasks (one in a project), a section, a label, a deleted and archived one, sync log rows and
   * a pending mailed link.
   */
  async function userWithData(email: string) {
    const session = await signUp(email);
    const kept = [
      await addTask(session.access_token, `${email} one`, `${email} project`),
      await addTask(session.access_token, `${email} two`),
    ];
    const section = sectionMutation(
      randomUUID(),
      { projectId: randomUUID(), name: `${email} section` },
      0,
    );
    const pushed = await request('/api/sync/push', {
      method: 'POST',
      token: session.access_token,
      body: JSON.stringify({
        clientId: 'account-test',
        mutations: [
          section,
          labelMutation(randomUUID(), { name: `${email} label` }, 0),
          commentMutation(
            randomUUID(),
            { taskId: kept[0], text: `${email} comment`, postedAt: new Date().toISOString() },
            0,
          ),
        ],
      }),
    });
    expect(pushed.status).toBe(200);
    const gone = await addTask(session.access_token, `${email} gone`);
    await request(`/api/tasks/${gone}`, { method: 'DELETE', token: session.access_token });
    await server.db.query(`select public.archive_deleted_tasks(interval '0 seconds')`);
    await server.db.query('refresh materialized view public.task_statistics');
    await issueOneTimeToken(server.db, {
      userId: session.user.id,
      type: 'recovery',
      email,
      now: Date.now(),
    });
    return { session, kept, gone };
  }

  it('exports the caller’s tasks, archived ones included, in the client’s export format', async () => {
    const ann = await userWithData('export-ann@example.test');
    const other = await userWithData('export-bob@example.test');
    const res = await request('/api/account/export', { token: ann.session.access_token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="tend-export-/);
    const file = parseExport(await res.text());
    expect(file.tasks.map((t) => t.id).sort()).toEqual([...ann.kept, ann.gone].sort());
    expect(file.tasks.find((t) => t.id === ann.gone)?.deletedAt).toBeTruthy();
    expect(file.tasks.some((t) => other.kept.includes(t.id))).toBe(false);
    expect(file.projects?.map((p) => p.name)).toEqual(['export-ann@example.test project']);
    expect(file.sections?.map((p) => p.name)).toEqual(['export-ann@example.test section']);
    expect(file.labels?.map((l) => l.name)).toEqual(['export-ann@example.test label']);
    expect(file.comments?.map((c) => c.text)).toEqual(['export-ann@example.test comment']);
    expect((await request('/api/account/export')).status).toBe(401);
  });

  it('refuses to delete without the right password, and deletes nothing', async () => {
    const { session } = await userWithData('keep@example.test');
    const before = await rowsOf(server, session.user.id);
    const wrong = await request('/api/account', {
      method: 'DELETE',
      token: session.access_token,
      body: JSON.stringify({ password: 'not it' }),
    });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe(
      'invalid_credentials',
    );
    const missing = await request('/api/account', {
      method: 'DELETE',
      token: session.access_token,
      body: '{}',
    });
    expect(missing.status).toBe(400);
    expect(await rowsOf(server, session.user.id)).toEqual(before);
  });

  it('deletes the account and every row it owns; the audit log keeps only that it happened', async () => {
    const ann = await userWithData('delete-ann@example.test');
    const bob = await userWithData('delete-bob@example.test');
    const bobBefore = await rowsOf(server, bob.session.user.id);
    const annBefore = await rowsOf(server, ann.session.user.id);
    // The fixture really covers every table that can hold a user's rows.
    expect(Object.keys(annBefore).sort()).toEqual([
      'auth.users.id',
      'public.comments.owner',
      'public.labels.owner',
      'public.profiles.id',
      'public.projects.owner',
      'public.sections.owner',
      'public.sync_log.owner',
      'public.sync_state.owner',
      'public.tasks.owner',
      'public.tasks_archive.owner',
      'tend_auth.one_time_tokens.user_id',
      'tend_auth.refresh_tokens.user_id',
    ]);
    const res = await request('/api/account', {
      method: 'DELETE',
      token: ann.session.access_token,
      body: JSON.stringify({ password: 'correct horse' }),
    });
    expect(res.status).toBe(204);
    // Besides the audit entry, only the ended session's marker stays (no content): it keeps the
    // account's access tokens refused on every instance until they would have expired.
    expect(await rowsOf(server, ann.session.user.id)).toEqual({
      'tend_auth.revoked_sessions.user_id': 1,
      'tend_ops.audit_log.actor': 1,
      'tend_ops.audit_log.subject': 1,
    });
    const audit = await server.db.query<{ action: string; details: unknown }>(
      'select action, details from tend_ops.audit_log where subject = $1',
      [ann.session.user.id],
    );
    expect(audit).toEqual([{ action: 'account.delete', details: {} }]);
    const stats = await server.db.query('select 1 from public.task_statistics where owner = $1', [
      ann.session.user.id,
    ]);
    expect(stats).toEqual([]);
    // The refresh token died with the account; the other user lost nothing.
    const refresh = await request('/auth/v1/token?grant_type=refresh_token', {
      method: 'POST',
      body: JSON.stringify({ refresh_token: ann.session.refresh_token }),
    });
    expect(refresh.status).toBe(400);
    expect(await rowsOf(server, bob.session.user.id)).toEqual(bobBefore);
    const signIn = await request('/auth/v1/token?grant_type=password', {
      method: 'POST',
      body: JSON.stringify({ email: 'delete-ann@example.test', password: 'correct horse' }),
    });
    expect(signIn.status).toBe(400);
    // Once the account's access tokens have all expired, the daily maintenance removes that last marker.
    await server.db.query(
      `update tend_auth.revoked_sessions set revoked_at = now() - interval '25 hours' where user_id = $1`,
      [ann.session.user.id],
    );
    await runDailyCleanup(server.db);
    expect(await rowsOf(server, ann.session.user.id)).toEqual({
      'tend_ops.audit_log.actor': 1,
      'tend_ops.audit_log.subject': 1,
    });
  });
});
