// Password recovery, mailed links, password and email change through the built-in auth, on PGlite and
// PostgreSQL, with real mail through a local SMTP capture server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../test/harness';
import { createTestServer, databaseKinds } from '../test/harness';
import type { SmtpCapture } from '../test/smtp-capture';
import { linkIn, startSmtpCapture } from '../test/smtp-capture';

interface Session {
  access_token: string;
  refresh_token: string;
  user: {
    id: string;
    email: string;
    email_confirmed_at: string | null;
    app_metadata: Record<string, unknown>;
  };
}

const kinds = await databaseKinds();
const SITE = 'http://tend.test';
const json = { 'content-type': 'application/json' };

function client(server: TestServer) {
  const post = (path: string, body: unknown, token?: string) =>
    server.app.request(path, {
      method: 'POST',
      headers: token ? { ...json, authorization: `Bearer ${token}` } : json,
      body: JSON.stringify(body),
    });
  return {
    post,
    put: (body: unknown, token: string) =>
      server.app.request('/auth/v1/user', {
        method: 'PUT',
        headers: { ...json, authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      }),
    signUp: async (email: string, password = 'correct horse') =>
      (await (await post('/auth/v1/signup', { email, password })).json()) as Session,
    signIn: (email: string, password: string) =>
      post('/auth/v1/token?grant_type=password', { email, password }),
    refresh: (refresh_token: string) =>
      post('/auth/v1/token?grant_type=refresh_token', { refresh_token }),
    /** Opens a mailed link the way a browser does, returning the fragment it lands on. */
    async open(link: string) {
      const url = new URL(link);
      expect(url.origin).toBe(SITE);
      const res = await server.app.request(url.pathname + url.search);
      expect(res.status).toBe(303);
      const location = new URL(res.headers.get('location')!);
      return { location, fragment: new URLSearchParams(location.hash.slice(1)) };
    },
    profileRole: async (id: string) =>
      (
        await server.db.query<{ staff_role: string | null }>(
          'select staff_role from public.profiles where id = $1',
          [id],
        )
      )[0]?.staff_role,
  };
}

describe.each(kinds)('account mail and changes with SMTP on %s', (kind) => {
  let server: TestServer;
  let smtp: SmtpCapture;
  let api: ReturnType<typeof client>;
  let now = Date.parse('2026-12-02T09:00:00.000Z');
  beforeAll(async () => {
    smtp = await startSmtpCapture();
    server = await createTestServer(kind, 'auth_account', {
      env: {
        SMTP_URL: smtp.url,
        SMTP_FROM: 'Tend <accounts@tend.test>',
        SITE_URL: SITE,
        ADMIN_EMAILS: 'boss@example.test,chief@example.test',
      },
      ctx: { now: () => now },
    });
    api = client(server);
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  it('mails a one-time recovery link that signs in and lets the user set a new password', async () => {
    await api.signUp('ann@example.test');
    await smtp.nextMailTo('ann@example.test'); // the sign-up confirmation
    const res = await api.post('/auth/v1/recover', { email: 'Ann@Example.test' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    const mail = await smtp.nextMailTo('ann@example.test');
    expect(mail.subject).toBe('Reset your Tend password');
    const { location, fragment } = await api.open(linkIn(mail));
    expect(location.origin + location.pathname).toBe(`${SITE}/settings`);
    expect(fragment.get('type')).toBe('recovery');
    const token = fragment.get('access_token')!;
    const changed = await api.put({ password: 'a brand new one' }, token);
    expect(changed.status).toBe(200);
    expect((await api.signIn('ann@example.test', 'a brand new one')).status).toBe(200);
    expect((await api.signIn('ann@example.test', 'correct horse')).status).toBe(400);
    // The link worked once.
    const again = await api.open(linkIn(mail));
    expect(again.fragment.get('error_code')).toBe('otp_expired');
    expect(again.fragment.get('access_token')).toBeNull();
  });

  it('answers recovery for an unknown address the same way, and sends nothing', async () => {
    const before = smtp.mails.length;
    const res = await api.post('/auth/v1/recover', { email: 'nobody@example.test' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.mails.length).toBe(before);
  });

  it('refuses an expired link, and never redirects to another origin', async () => {
    await api.signUp('late@example.test');
    await api.post('/auth/v1/recover', { email: 'late@example.test' });
    const mail = await smtp.nextMailTo('late@example.test');
    expect(mail.subject).toBe('Confirm your email address for Tend');
    const recovery = await smtp.nextMailTo('late@example.test');
    now += 61 * 60_000;
    const expired = await api.open(linkIn(recovery));
    expect(expired.fragment.get('error_code')).toBe('otp_expired');
    const url = new URL(linkIn(mail));
    url.searchParams.set('redirect_to', 'https://evil.test/steal');
    const res = await server.app.request(url.pathname + url.search);
    expect(new URL(res.headers.get('location')!).origin).toBe(SITE);
  });

  it('gives ADMIN_EMAILS its role only once the mailed link proved the address', async () => {
    const boss = await api.signUp('boss@example.test');
    expect(boss.user.app_metadata.role).toBeUndefined();
    expect(boss.user.email_confirmed_at).toBeNull();
    expect(await api.profileRole(boss.user.id)).toBeNull();
    const mail = await smtp.nextMailTo('boss@example.test');
    expect(mail.subject).toBe('Confirm your email address for Tend');
    const token = new URL(linkIn(mail)).searchParams.get('token')!;
    // supabase-js verifyOtp({ token_hash, type }) posts here.
    const res = await api.post('/auth/v1/verify', { type: 'signup', token_hash: token });
    expect(res.status).toBe(200);
    const session = (await res.json()) as Session;
    expect(session.user.app_metadata.role).toBe('admin');
    expect(session.user.email_confirmed_at).not.toBeNull();
    expect(await api.profileRole(boss.user.id)).toBe('admin');
  });

  it('changes the email only after the link mailed to the new address is opened', async () => {
    const eve = await api.signUp('eve@example.test');
    await smtp.nextMailTo('eve@example.test');
    const taken = await api.put({ email: 'ann@example.test' }, eve.access_token);
    expect(taken.status).toBe(422);
    expect(((await taken.json()) as { error_code: string }).error_code).toBe('email_exists');
    const res = await api.put({ email: 'Chief@Example.test' }, eve.access_token);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      email: 'eve@example.test',
      new_email: 'chief@example.test',
    });
    const mail = await smtp.nextMailTo('chief@example.test');
    expect(mail.subject).toBe('Confirm your new email address for Tend');
    // Not yet changed: the old address still signs in, the new one does not.
    expect((await api.signIn('eve@example.test', 'correct horse')).status).toBe(200);
    expect((await api.signIn('chief@example.test', 'correct horse')).status).toBe(400);
    const { fragment } = await api.open(linkIn(mail));
    expect(fragment.get('type')).toBe('email_change');
    const signedIn = await api.signIn('chief@example.test', 'correct horse');
    expect(signedIn.status).toBe(200);
    const session = (await signedIn.json()) as Session;
    expect(session.user.email).toBe('chief@example.test');
    // A proven ADMIN_EMAILS address, reached by an email change, grants the role too.
    expect(session.user.app_metadata.role).toBe('admin');
  });

  it('changes the password, ending every other session but the caller’s', async () => {
    await api.signUp('pia@example.test');
    const first = (await (await api.signIn('pia@example.test', 'correct horse')).json()) as Session;
    const second = (await (
      await api.signIn('pia@example.test', 'correct horse')
    ).json()) as Session;
    const same = await api.put({ password: 'correct horse' }, first.access_token);
    expect(same.status).toBe(422);
    expect(((await same.json()) as { error_code: string }).error_code).toBe('same_password');
    const weak = await api.put({ password: 'short' }, first.access_token);
    expect(((await weak.json()) as { error_code: string }).error_code).toBe('weak_password');
    const res = await api.put({ password: 'battery staple' }, first.access_token);
    expect(res.status).toBe(200);
    expect((await api.refresh(second.refresh_token)).status).toBe(400);
    expect((await api.refresh(first.refresh_token)).status).toBe(200);
    expect((await api.signIn('pia@example.test', 'battery staple')).status).toBe(200);
  });
});

describe.each(kinds)('sign-up that waits for the mailed confirmation on %s', (kind) => {
  let server: TestServer;
  let smtp: SmtpCapture;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    smtp = await startSmtpCapture();
    server = await createTestServer(kind, 'auth_confirm', {
      env: { SMTP_URL: smtp.url, SITE_URL: SITE, MAILER_AUTOCONFIRM: 'false' },
    });
    api = client(server);
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  it('answers the bare user, refuses sign-in until the link is opened, then signs in', async () => {
    const res = await api.post('/auth/v1/signup', {
      email: 'new@example.test',
      password: 'correct horse',
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.access_token).toBeUndefined();
    expect(body.email).toBe('new@example.test');
    const early = await api.signIn('new@example.test', 'correct horse');
    expect(early.status).toBe(400);
    expect(((await early.json()) as { error_code: string }).error_code).toBe('email_not_confirmed');
    const { fragment } = await api.open(linkIn(await smtp.nextMailTo('new@example.test')));
    expect(fragment.get('type')).toBe('signup');
    expect((await api.signIn('new@example.test', 'correct horse')).status).toBe(200);
  });
});

describe.each(kinds)('account mail without SMTP on %s', (kind) => {
  let server: TestServer;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    server = await createTestServer(kind, 'auth_nosmtp', {
      env: { ADMIN_EMAILS: 'boss@example.test' },
    });
    api = client(server);
  });
  afterAll(() => server?.close());

  it('still signs up (auto-confirmed), but the address is unproven and grants no role', async () => {
    const boss = await api.signUp('boss@example.test');
    expect(boss.access_token).toBeTruthy();
    expect(boss.user.email_confirmed_at).toBeNull();
    expect(boss.user.app_metadata.role).toBeUndefined();
    expect(await api.profileRole(boss.user.id)).toBeNull();
  });

  it('answers recovery and email change with a clear smtp_not_configured error', async () => {
    const user = await api.signUp('kim@example.test');
    const recover = await api.post('/auth/v1/recover', { email: 'kim@example.test' });
    expect(recover.status).toBe(422);
    expect(await recover.json()).toMatchObject({ error_code: 'smtp_not_configured' });
    const change = await api.put({ email: 'kim2@example.test' }, user.access_token);
    expect(change.status).toBe(422);
    expect(await change.json()).toMatchObject({ error_code: 'smtp_not_configured' });
  });
});
