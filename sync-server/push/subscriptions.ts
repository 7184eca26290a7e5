// Push subscriptions: the browser's PushSubscription JSON plus the device's IANA time zone, checked as
// hostile input. The server will POST to the endpoint, so only push services' hosts are accepted
// (PUSH_HOSTS), never an address inside the server's own network.
import { z } from 'zod';
import { isSafeText } from '../../src/core/safe-text';
import { isTimeZone } from '../../src/core/reminders';
import type { Queryable } from '../db/types';

/** The push services of Chrome, Firefox, Safari and Edge; `*.` matches any subdomain. */
export const DEFAULT_PUSH_HOSTS = [
  'fcm.googleapis.com',
  'android.googleapis.com',
  'updates.push.services.mozilla.com',
  '*.push.services.mozilla.com',
  '*.push.apple.com',
  '*.notify.windows.com',
];

function isPushHost(host: string, allowed: readonly string[]): boolean {
  const name = host.toLowerCase();
  return allowed.some((entry) =>
    entry.startsWith('*.') ? name.endsWith(entry.slice(1)) : name === entry,
  );
}

const base64url = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, 'must be URL-safe base64');

export function subscriptionSchema(allowedHosts: readonly string[]) {
  return z.object({
    endpoint: z
      .string()
      .max(2048)
      .refine(isSafeText, 'must not contain NUL or unpaired surrogates')
      .refine((value) => {
        try {
          const url = new URL(value);
          return (
            url.protocol === 'https:' &&
            !url.username &&
            !url.password &&
            isPushHost(url.hostname, allowedHosts)
          );
        } catch {
          return false;
        }
      }, 'must be an https address of a known push service'),
    expirationTime: z.number().nullable().optional(),
    keys: z.object({
      // An uncompressed P-256 point (65 bytes) and a 16-byte secret, in base64url.
      p256dh: base64url(86, 90),
      auth: base64url(22, 24),
    }),
    timeZone: z.string().max(64).refine(isTimeZone, 'must be an IANA time zone'),
  });
}
type SubscriptionInput = z.infer<ReturnType<typeof subscriptionSchema>>;

export type PushSubscriptionRow = {
  id: string;
  owner: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  time_zone: string;
};

/**
 * Saves the caller's subscription (privileged transaction). A browser's endpoint belongs to one account:
 * if another account on this browser had it, that account stops receiving pushes here, so its reminders
 * never show to the next person who signs in.
 */
export async function saveSubscription(
  tx: Queryable,
  owner: string,
  input: SubscriptionInput,
): Promise<void> {
  await tx.query('delete from public.push_subscriptions where endpoint = $1 and owner <> $2', [
    input.endpoint,
    owner,
  ]);
  await tx.query(
    `insert into public.push_subscriptions (owner, endpoint, p256dh, auth, time_zone)
     values ($1, $2, $3, $4, $5)
     on conflict (endpoint) do update
       set p256dh = excluded.p256dh, auth = excluded.auth, time_zone = excluded.time_zone,
           updated_at = now()`,
    [owner, input.endpoint, input.keys.p256dh, input.keys.auth, input.timeZone],
  );
}
