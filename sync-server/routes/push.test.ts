import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer, TestUser } from '../test/harness';
import { createTestServer, createTestUser, databaseKinds, TEST_JWT_SECRET } from '../test/harness';
import { createBrowserSubscription } from '../test/push-receiver';
import { generateVapidKeys } from '../push/vapid';

const kinds = await databaseKinds();
const vapid = generateVapidKeys();

describe.each(kinds)('push subscription API on %s', (kind) => {
  let server: TestServer;
  let bare: TestServer;
  let alice: TestUser;
  const { keys } = createBrowserSubscription();
  const good = {
    endpoint: 'https://fcm.googleapis.com/fcm/send/abc123',
    expirationTime: null,
    keys,
    timeZone: 'America/New_York',
  };

  beforeAll(async () => {
    [server, bare] = await Promise.all([
      createTestServer(kind, 'push', {
        ctx: {
          secrets: { jwtSecret: TEST_JWT_SECRET, encryptionKey: 'k', cronSecret: 'c', vapid },
        },
      }),
      createTestServer(kind, 'push_off'),
    ]);
    alice = await createTestUser();
  });
  afterAll(() => Promise.all([server.close(), bare.close()]));

  const post = (body: unknown, user: TestUser | null = alice, target = server) =>
    target.app.request('/api/push/subscriptions', {
      method: 'POST',
      headers: user?.headers ?? { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('gives the VAPID public key without a session, or 503 when push is not configured', async () => {
    const res = await server.app.request('/api/push/vapid-public-key');
    expect(await res.json()).toEqual({ publicKey: vapid.publicKey });
    const off = await bare.app.request('/api/push/vapid-public-key');
    expect(off.status).toBe(503);
    expect(((await off.json()) as { error: { code: string } }).error.code).toBe('push_unavailable');
    expect((await post(good, alice, bare)).status).toBe(503);
  });

  it('stores a subscription with its time zone, and updates it in place', async () => {
    expect((await post(good)).status).toBe(201);
    expect((await post({ ...good, timeZone: 'Asia/Tokyo' })).status).toBe(201);
    const rows = await server.db.query<{ owner: string; time_zone: string }>(
      'select owner, time_zone from public.push_subscriptions where endpoint = $1',
      [good.endpoint],
    );
    expect(rows).toEqual([{ owner: alice.id, time_zone: 'Asia/Tokyo' }]);
  });

  it('refuses hostile subscriptions with 400, and anonymous ones with 401', async () => {
    expect((await post(good, null)).status).toBe(401);
    const bad = [
      { ...good, endpoint: 'http://fcm.googleapis.com/fcm/send/x' },
      { ...good, endpoint: 'https://127.0.0.1/push' },
      { ...good, endpoint: 'https://metadata.google.internal/computeMetadata' },
      { ...good, endpoint: 'https://user:pw@fcm.googleapis.com/x' },
      { ...good, endpoint: 'https://fcm.googleapis.com.evil.example/x' },
      { ...good, endpoint: `https://fcm.googleapis.com/${'a'.repeat(3000)}` },
      { ...good, endpoint: 'https://fcm.googleapis.com/\u0000' },
      { ...good, keys: { ...good.keys, p256dh: 'not base64!' } },
      { ...good, keys: { ...good.keys, auth: '' } },
      { ...good, timeZone: 'Mars/Olympus' },
      { ...good, timeZone: 'x'.repeat(100) },
      { endpoint: good.endpoint, keys: good.keys },
      [],
    ];
    for (const body of bad) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body).slice(0, 120)).toBe(400);
    }
    // Subdomains of a listed `*.` host are push services too.
    expect((await post({ ...good, endpoint: 'https://web.push.apple.com/QGx' })).status).toBe(201);
  });

  it('deletes only the caller’s own subscription', async () => {
    const bob = await createTestUser();
    const remove = (user: TestUser) =>
      server.app.request('/api/push/subscriptions', {
        method: 'DELETE',
        headers: user.headers,
        body: JSON.stringify({ endpoint: good.endpoint }),
      });
    expect(await (await remove(bob)).json()).toEqual({ removed: 0 });
    expect(await (await remove(alice)).json()).toEqual({ removed: 1 });
  });
});
