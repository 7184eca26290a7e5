// The client signs in through @supabase/supabase-js; this drives the real library against the local
// GoTrue-compatible endpoints over HTTP, so a shape it cannot parse fails here, not in the browser.
import type { ServerType } from '@hono/node-server';
import { serve } from '@hono/node-server';
import { createClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { TestServer } from '../test/harness';
import { createTestServer } from '../test/harness';

// Every sign-up and sign-in hashes at OWASP's scrypt cost (about 0.3 s a core): room on a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

const PORT = 8828;
const URL_BASE = `http://127.0.0.1:${PORT}`;

describe('supabase-js against the local auth endpoints', () => {
  let server: TestServer;
  let http: ServerType;

  beforeAll(async () => {
    server = await createTestServer('pglite', 'supabasejs');
    http = serve({ fetch: server.app.fetch, port: PORT, hostname: '127.0.0.1' });
  });
  afterAll(async () => {
    await new Promise((r) => http.close(r));
    await server.close();
  });

  const client = () =>
    createClient(URL_BASE, 'local-anon-key', {
      auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
      realtime: { transport: WebSocket as never },
    });

  it('signs up, signs in, reads the user, refreshes, signs out', async () => {
    const supabase = client();
    const email = 'js@example.test';
    const up = await supabase.auth.signUp({ email, password: 'a long password' });
    expect(up.error).toBeNull();
    expect(up.data.session?.access_token).toBeTruthy();
    expect(up.data.user?.email).toBe(email);

    const other = client();
    const wrong = await other.auth.signInWithPassword({ email, password: 'not it at all' });
    expect(wrong.error?.status).toBe(400);
    expect(wrong.error?.code).toBe('invalid_credentials');
    expect(wrong.error?.message).toBe('Invalid login credentials');

    const signIn = await other.auth.signInWithPassword({ email, password: 'a long password' });
    expect(signIn.error).toBeNull();
    const session = signIn.data.session!;
    const user = await other.auth.getUser(session.access_token);
    expect(user.data.user?.id).toBe(up.data.user?.id);

    const refreshed = await other.auth.refreshSession({ refresh_token: session.refresh_token });
    expect(refreshed.error).toBeNull();
    expect(refreshed.data.session?.refresh_token).not.toBe(session.refresh_token);

    const pull = await fetch(`${URL_BASE}/api/sync/pull`, {
      headers: { authorization: `Bearer ${refreshed.data.session!.access_token}` },
    });
    expect(pull.status).toBe(200);

    const out = await other.auth.signOut();
    expect(out.error).toBeNull();
    const reuse = await client().auth.refreshSession({
      refresh_token: refreshed.data.session!.refresh_token,
    });
    expect(reuse.error).not.toBeNull();
  });

  it('reports a duplicate sign-up and a weak password as supabase-js errors', async () => {
    await client().auth.signUp({ email: 'twice@example.test', password: 'a long password' });
    const again = await client().auth.signUp({
      email: 'twice@example.test',
      password: 'a long password',
    });
    expect(again.error?.code).toBe('user_already_exists');
    const weak = await client().auth.signUp({ email: 'weak2@example.test', password: 'short' });
    expect(weak.error?.code).toBe('weak_password');
  });
});
