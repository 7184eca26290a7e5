import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { getMeta, META_KEYS, openTendDb } from '../db/database';
import type { TendDb } from '../db/database';
import { pushIsActive, subscribeToPush, unsubscribeFromPush } from './push-subscription';

// A PushManager double (named as such): Node has no push service. The server side is real in
// sync-server/push/send-reminders.test.ts; here only the page's calls are checked.
function fakePushManager() {
  let current: { endpoint: string; key: Uint8Array; unsubscribed: boolean } | null = null;
  const manager = {
    subscribed: 0,
    async getSubscription() {
      if (!current || current.unsubscribed) return null;
      const sub = current;
      return {
        endpoint: sub.endpoint,
        options: { applicationServerKey: sub.key.buffer },
        toJSON: () => ({ endpoint: sub.endpoint, keys: { p256dh: 'p', auth: 'a' } }),
        unsubscribe: async () => ((sub.unsubscribed = true), true),
      };
    },
    async subscribe(options: { applicationServerKey: Uint8Array }) {
      manager.subscribed += 1;
      current = {
        endpoint: `https://fcm.googleapis.com/fcm/send/${manager.subscribed}`,
        key: new Uint8Array(options.applicationServerKey),
        unsubscribed: false,
      };
      return manager.getSubscription();
    },
  };
  return manager;
}

let db: TendDb;
afterEach(() => db?.close());

describe('the device push subscription', () => {
  it('subscribes with the server key, sends the time zone, and stands the page aside', async () => {
    db = openTendDb('push-test', { indexedDB: new IDBFactory(), IDBKeyRange });
    const calls: { url: string; method: string; body?: string }[] = [];
    let publicKey = Buffer.alloc(65, 4).toString('base64url');
    const fetch = (async (url: string, init?: RequestInit) => {
      calls.push({ url, method: init?.method ?? 'GET', body: init?.body as string | undefined });
      if (url.endsWith('/vapid-public-key')) return Response.json({ publicKey });
      return Response.json({}, { status: init?.method === 'POST' ? 201 : 200 });
    }) as typeof globalThis.fetch;
    const pushManager = fakePushManager() as unknown as PushManager;
    const options = {
      db,
      baseUrl: 'https://tend.example',
      fetch,
      getAccessToken: async () => 'token',
      pushManager,
      timeZone: 'Europe/Berlin',
    };
    expect(await pushIsActive(db, pushManager)).toBe(false);
    expect(await subscribeToPush({ ...options, getAccessToken: async () => null })).toBe(
      'signed_out',
    );
    expect(await subscribeToPush(options)).toBe('subscribed');
    const post = calls.find((c) => c.method === 'POST')!;
    expect(JSON.parse(post.body!)).toMatchObject({
      endpoint: 'https://fcm.googleapis.com/fcm/send/1',
      timeZone: 'Europe/Berlin',
    });
    expect(await pushIsActive(db, pushManager)).toBe(true);
    // A new server key: the old subscription cannot get its pushes, so the device subscribes again.
    publicKey = Buffer.alloc(65, 5).toString('base64url');
    expect(await subscribeToPush(options)).toBe('subscribed');
    expect(await getMeta(db, META_KEYS.pushEndpoint)).toBe('https://fcm.googleapis.com/fcm/send/2');
    await unsubscribeFromPush(options);
    expect(calls.at(-1)).toMatchObject({ method: 'DELETE' });
    expect(await pushIsActive(db, pushManager)).toBe(false);
  });
});
