// This device's Web Push subscription for reminders: subscribed with the server's VAPID key once the user
// allowed notifications and is signed in, sent with the device's IANA time zone (the server resolves
// "30 minutes before" a local due time in it), and removed at sign-out. Results are codes.
import { getMeta, META_KEYS, setMeta } from '../db/database';
import type { TendDb } from '../db/database';

export type PushResult = 'subscribed' | 'signed_out' | 'unavailable' | 'failed';

interface PushSubscriptionOptions {
  db: TendDb;
  baseUrl: string;
  fetch: typeof fetch;
  getAccessToken: () => Promise<string | null>;
  pushManager: PushManager;
  timeZone?: string;
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64url.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(new ArrayBuffer(text.length));
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

function sameKey(a: ArrayBuffer | null, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.length) return false;
  const view = new Uint8Array(a);
  return view.every((v, i) => v === b[i]);
}

export async function subscribeToPush(o: PushSubscriptionOptions): Promise<PushResult> {
  const token = await o.getAccessToken();
  if (!token) return 'signed_out';
  try {
    const keyResponse = await o.fetch(`${o.baseUrl}/api/push/vapid-public-key`);
    if (!keyResponse.ok) return 'unavailable';
    const { publicKey } = (await keyResponse.json()) as { publicKey: string };
    const key = keyBytes(publicKey);
    let subscription = await o.pushManager.getSubscription();
    // The server's key changed (new VAPID pair): the old subscription cannot receive its pushes.
    if (subscription && !sameKey(subscription.options.applicationServerKey, key)) {
      await subscription.unsubscribe();
      subscription = null;
    }
    subscription ??= await o.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: key,
    });
    const timeZone = o.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    const saved = await o.fetch(`${o.baseUrl}/api/push/subscriptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...subscription.toJSON(), timeZone }),
    });
    if (!saved.ok) return 'failed';
    await setMeta(o.db, META_KEYS.pushEndpoint, subscription.endpoint);
    return 'subscribed';
  } catch {
    // No push service reachable (offline, a browser without one): reminders stay in-page.
    return 'failed';
  }
}

/** True while the server has this device's current push subscription (the page then stands aside). */
export async function pushIsActive(db: TendDb, pushManager: PushManager | null): Promise<boolean> {
  if (!pushManager) return false;
  const endpoint = await getMeta<string>(db, META_KEYS.pushEndpoint);
  if (!endpoint) return false;
  const subscription = await pushManager.getSubscription().catch(() => null);
  return subscription?.endpoint === endpoint;
}

/** At sign-out: the server forgets this device, and the browser drops the subscription. */
export async function unsubscribeFromPush(
  o: Omit<PushSubscriptionOptions, 'timeZone'>,
): Promise<void> {
  const subscription = await o.pushManager.getSubscription().catch(() => null);
  await setMeta(o.db, META_KEYS.pushEndpoint, null);
  if (!subscription) return;
  const token = await o.getAccessToken().catch(() => null);
  if (token) {
    await o
      .fetch(`${o.baseUrl}/api/push/subscriptions`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ endpoint: subscription.endpoint }),
      })
      .catch(() => undefined);
  }
  await subscription.unsubscribe().catch(() => false);
}
