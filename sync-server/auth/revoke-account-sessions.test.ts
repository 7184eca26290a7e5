// Revocation is announced only after the transaction that ended the sessions committed: a change that fails
// leaves every session working, on this instance too (its cache is told nothing).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestServer } from '../test/harness';
import { createTestServer } from '../test/harness';
import { revokeAccountSessions } from './revoke-account-sessions';

vi.setConfig({ testTimeout: 120_000 });

describe('revokeAccountSessions', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer('pglite', 'revoke_account');
  });
  afterAll(() => server.close());

  async function signUp(email: string) {
    const res = await server.app.request('/auth/v1/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'correct horse' }),
    });
    const session = (await res.json()) as { access_token: string; user: { id: string } };
    const pull = () =>
      server.app.request('/api/sync/pull', {
        headers: { authorization: `Bearer ${session.access_token}` },
      });
    return { session, pull };
  }

  it('announces nothing when the change fails and the transaction rolls back', async () => {
    const { session, pull } = await signUp('rollback@example.test');
    expect((await pull()).status).toBe(200);
    const failing = revokeAccountSessions(server.ctx, session.user.id, async (tx) => {
      await tx.query('update auth.users set updated_at = now() where id = $1', [session.user.id]);
      throw new Error('the change failed');
    });
    await expect(failing).rejects.toThrow('the change failed');
    expect((await pull()).status).toBe(200);
    const markers = await server.db.query(
      'select 1 from tend_auth.revoked_sessions where user_id = $1',
      [session.user.id],
    );
    expect(markers).toEqual([]);
  });

  it('ends the sessions, here at once, once the change committed', async () => {
    const { session, pull } = await signUp('commit@example.test');
    expect((await pull()).status).toBe(200);
    await revokeAccountSessions(server.ctx, session.user.id, async () => {});
    expect((await pull()).status).toBe(401);
  });
});
