import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '../../errors';
import { createTestDatabase, type TestDatabase } from '../../test/harness';
import { createStateBackend } from '../../state/backend';
import { createRateLimitStore, type RateLimitStore } from '../../state/rate-limits';
import { createLoginBackoff, createRateLimiter } from './index';

async function refusal(run: () => Promise<void>): Promise<HttpError> {
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
}

describe('rate limiters on PGlite', () => {
  let database: TestDatabase;
  let store: RateLimitStore;
  let now = Date.parse('2026-12-02T10:00:00Z');
  const storeErrors: unknown[] = [];
  const options = () => ({
    store,
    now: () => now,
    onStoreError: (e: unknown) => storeErrors.push(e),
  });

  beforeAll(async () => {
    database = await createTestDatabase('pglite', 'limiter');
    store = createRateLimitStore(createStateBackend({ db: database.db, now: () => now }), {
      keySecret: 'limiter-test-secret',
    });
  });
  afterAll(() => database.drop());

  it('allows max requests per window, then 429 with Retry-After until the window ends', async () => {
    const limiter = createRateLimiter(options(), {
      name: 'test',
      limit: { max: 2, windowMs: 10_000 },
    });
    await limiter.hit('a');
    now += 4000;
    await limiter.hit('a');
    const error = await refusal(() => limiter.hit('a'));
    expect(error).toMatchObject({ status: 429, code: 'over_request_rate_limit' });
    expect(error.headers).toEqual({ 'Retry-After': '6' });
    await limiter.hit('b');
    // No address, no key shared by everyone without one: not limited at all.
    for (let i = 0; i < 5; i++) await limiter.hit(null);
    now += 6000;
    await limiter.hit('a');
  });

  it('refuses an account in back-off with the wait as Retry-After; a success clears it', async () => {
    const backoff = createLoginBackoff(options(), {
      freeFailures: 2,
      baseMs: 1000,
      maxMs: 60_000,
      forgetMs: 60_000,
    });
    for (let i = 0; i < 3; i++) await backoff.attempt('ann@example.test');
    const error = await refusal(() => backoff.attempt('ann@example.test'));
    expect(error).toMatchObject({ status: 429 });
    expect(error.headers).toEqual({ 'Retry-After': '1' });
    await backoff.attempt('bob@example.test');
    now += 1000;
    await backoff.attempt('ann@example.test');
    expect((await refusal(() => backoff.attempt('ann@example.test'))).headers).toEqual({
      'Retry-After': '2',
    });
    await backoff.succeeded('ann@example.test');
    await backoff.attempt('ann@example.test');
  });

  it('lets the request through, reported, when the store fails', async () => {
    const broken: RateLimitStore = {
      hitWindow: () => Promise.reject(new Error('redis gone')),
      attempt: () => Promise.reject(new Error('redis gone')),
      clear: () => Promise.reject(new Error('redis gone')),
      prune: () => Promise.resolve(0),
    };
    const limiter = createRateLimiter(
      { ...options(), store: broken },
      { name: 'test', limit: { max: 1, windowMs: 1000 } },
    );
    await limiter.hit('a');
    await limiter.hit('a');
    expect(storeErrors.map(String)).toEqual(['Error: redis gone', 'Error: redis gone']);
  });
});
