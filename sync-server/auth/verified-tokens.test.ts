import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../errors';
import { TEST_JWT_SECRET, mintToken } from '../test/harness';
import { cacheVerifiedTokens } from './verified-tokens';
import type { TokenVerifier } from './verify';
import { createTokenVerifier } from './verify';

/** The real verifier, counting how often it runs. */
function countingVerifier(now: () => number): { verify: TokenVerifier; calls: () => number } {
  const real = createTokenVerifier({ hsSecret: TEST_JWT_SECRET, now });
  let calls = 0;
  return {
    verify: (token) => {
      calls += 1;
      return real(token);
    },
    calls: () => calls,
  };
}

const rejected = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  );

describe('verified token cache', () => {
  it('verifies a token once and answers repeats from the cache', async () => {
    let now = Date.now();
    const inner = countingVerifier(() => now);
    const verify = cacheVerifiedTokens(inner.verify, { now: () => now });
    const token = await mintToken(randomUUID());
    const first = await verify(token);
    now += 1000;
    expect(await verify(token)).toEqual(first);
    expect(inner.calls()).toBe(1);
  });

  it('never caches a refused token, nor serves a token past its exp', async () => {
    let now = Date.now();
    const inner = countingVerifier(() => now);
    const verify = cacheVerifiedTokens(inner.verify, { now: () => now, maxAgeMs: 3_600_000 });
    const token = await mintToken(randomUUID(), {}, { expiresIn: '2m' });
    await verify(token);
    now += 3 * 60_000;
    expect(await rejected(verify(token))).toBeInstanceOf(HttpError);

    const forged = `${token.slice(0, -2)}xx`;
    expect(await rejected(verify(forged))).toBeInstanceOf(HttpError);
    expect(await rejected(verify(forged))).toBeInstanceOf(HttpError);
    expect(inner.calls()).toBe(4);
  });

  it('verifies again after maxAgeMs and keeps at most maxEntries', async () => {
    let now = Date.now();
    const inner = countingVerifier(() => now);
    const verify = cacheVerifiedTokens(inner.verify, {
      now: () => now,
      maxAgeMs: 10_000,
      maxEntries: 2,
    });
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => mintToken(randomUUID())));
    await verify(a);
    now += 11_000;
    await verify(a);
    expect(inner.calls()).toBe(2);
    await verify(b);
    await verify(c);
    await verify(a);
    expect(inner.calls()).toBe(5);
  });
});
