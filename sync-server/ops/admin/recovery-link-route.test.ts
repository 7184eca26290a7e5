// An admin's one-time reset link for a server without SMTP: only users:manage may issue it, it is
// audited, it signs the user in once (then lets them set a password), and a second use is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/types';
import { createTestDatabase, databaseKinds } from '../../test/harness';
import type { TestApp } from '../test-support/ops-test-app';
import { createTestApp } from '../test-support/ops-test-app';

const kinds = await databaseKinds();
const json = { 'content-type': 'application/json' };

describe.each(kinds)('POST /api/admin/users/:id/recovery-link on %s', (kind) => {
  let db: Db;
  let drop: () => Promise<void>;
  let t: TestApp;
  beforeAll(async () => {
    ({ db, drop } = await createTestDatabase(kind, 'recovery_link'));
    t = await createTestApp(db);
  });
  afterAll(() => drop());

  async function signUp(email: string) {
    const res = await t.app.request('/auth/v1/signup', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email, password: 'forgotten one' }),
    });
    return ((await res.json()) as { user: { id: string } }).user.id;
  }
  const issue = async (id: string, token: string) =>
    t.app.request(`http://tend.local/api/admin/users/${id}/recovery-link`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });

  it('issues an audited one-time link that signs the user in to set a new password', async () => {
    const id = await signUp('lost@example.test');
    expect((await issue(id, await t.token('support'))).status).toBe(403);
    expect((await issue(id, await t.token(null))).status).toBe(403);
    const res = await issue(id, await t.token('admin'));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { link: string; email: string };
    expect(body.email).toBe('lost@example.test');
    const link = new URL(body.link);
    expect(link.origin).toBe('http://tend.local');
    expect(link.searchParams.get('type')).toBe('recovery');

    const opened = await t.app.request(link.pathname + link.search);
    expect(opened.status).toBe(303);
    const fragment = new URLSearchParams(new URL(opened.headers.get('location')!).hash.slice(1));
    expect(fragment.get('type')).toBe('recovery');
    const change = await t.app.request('/auth/v1/user', {
      method: 'PUT',
      headers: { ...json, authorization: `Bearer ${fragment.get('access_token')}` },
      body: JSON.stringify({ password: 'remembered now' }),
    });
    expect(change.status).toBe(200);
    const signIn = await t.app.request('/auth/v1/token?grant_type=password', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: 'lost@example.test', password: 'remembered now' }),
    });
    expect(signIn.status).toBe(200);

    const reused = await t.app.request(link.pathname + link.search);
    const again = new URLSearchParams(new URL(reused.headers.get('location')!).hash.slice(1));
    expect(again.get('error_code')).toBe('otp_expired');
    const audit = await db.query<{ action: string; actor_role: string }>(
      `select action, actor_role from tend_ops.audit_log where subject = $1`,
      [id],
    );
    expect(audit).toEqual([{ action: 'users.recovery_link', actor_role: 'admin' }]);
  });

  it('answers 404 for an unknown user and 400 for a malformed id', async () => {
    const admin = await t.token('admin');
    expect((await issue('00000000-0000-4000-8000-00000000dead', admin)).status).toBe(404);
    expect((await issue('not-a-uuid', admin)).status).toBe(400);
  });
});
