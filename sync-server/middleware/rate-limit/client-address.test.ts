import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { loadConfig, type Env } from '../../config';
import { clientAddress } from './client-address';

describe('clientAddress', () => {
  const addressOf = async (env: Env, headers: Record<string, string>) => {
    const config = loadConfig({ NODE_ENV: 'test', ...env });
    const app = new Hono().get('/', (c) => c.json({ address: clientAddress(c, config) }));
    const res = await app.request('/', { headers });
    return ((await res.json()) as { address: string | null }).address;
  };
  const forged = { 'x-forwarded-for': '1.2.3.4, 203.0.113.9', 'x-real-ip': '5.6.7.8' };

  it('ignores forwarding headers unless TRUST_PROXY is set, and the leftmost even then', async () => {
    expect(await addressOf({}, forged)).toBeNull();
    expect(await addressOf({ TRUST_PROXY: 'true' }, forged)).toBe('203.0.113.9');
    expect(await addressOf({ TRUST_PROXY: '2' }, forged)).toBe('1.2.3.4');
  });

  it('takes the entry as many hops from the right as there are proxies of ours', async () => {
    const forwardedFor = (header: string) => ({ 'x-forwarded-for': header });
    expect(
      await addressOf({ TRUST_PROXY: '2' }, forwardedFor('6.6.6.6, 203.0.113.9, 10.0.0.2')),
    ).toBe('203.0.113.9');
    expect(await addressOf({ TRUST_PROXY: 'true' }, forwardedFor(' 203.0.113.9 '))).toBe(
      '203.0.113.9',
    );
    // Fewer entries than proxies: the furthest one there is.
    expect(await addressOf({ TRUST_PROXY: '3' }, forwardedFor('203.0.113.9'))).toBe('203.0.113.9');
    expect(await addressOf({ TRUST_PROXY: 'true' }, forwardedFor(' , '))).toBeNull();
  });

  it("takes Vercel's own header on Vercel only, and no address at all without one", async () => {
    expect(await addressOf({ VERCEL_ENV: 'production' }, forged)).toBe('5.6.7.8');
    expect(
      await addressOf(
        { VERCEL_ENV: 'production' },
        { 'x-vercel-forwarded-for': '198.51.100.7', 'x-real-ip': '5.6.7.8' },
      ),
    ).toBe('198.51.100.7');
    expect(await addressOf({ VERCEL_ENV: 'production' }, {})).toBeNull();
  });
});
