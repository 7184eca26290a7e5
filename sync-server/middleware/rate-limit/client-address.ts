// The client's address for per-address rate limits, or null when there is none to trust.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { Config } from '../../config';

/**
 * Each proxy appends the address it was reached from to X-Forwarded-For, while whatever the client put there
 * comes first and is forged at will. With `hops` proxies of ours in front, the client is therefore the
 * `hops`-th entry from the right: the rightmost one no proxy of ours vouches for.
 */
function rightmostUntrustedHop(header: string | undefined, hops: number): string | null {
  const entries = (header ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return null;
  return entries[Math.max(0, entries.length - hops)];
}

export function clientAddress(
  c: Context,
  config: Pick<Config, 'trustProxyHops' | 'vercel'>,
): string | null {
  // Vercel's edge sets these itself, overwriting what the client sent, so they are trusted there only.
  if (config.vercel.env) {
    const platform = c.req.header('x-vercel-forwarded-for') ?? c.req.header('x-real-ip');
    const address = rightmostUntrustedHop(platform, 1);
    if (address) return address;
  }
  if (config.trustProxyHops > 0) {
    const forwarded = rightmostUntrustedHop(c.req.header('x-forwarded-for'), config.trustProxyHops);
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    // No socket (a Vercel function without the platform headers, app.request() in tests): no address
    // limit at all rather than one key shared by every client, which ten bad tries would lock for
    // everyone. The per-account back-off still holds.
    return null;
  }
}
