import { describe, expect, it } from 'vitest';
import { HttpError } from '../../errors';
import { createRateLimiter } from './index';

describe('createRateLimiter', () => {
  it('allows max attempts per window, then 429 with Retry-After until the window ends', () => {
    let now = 0;
    const limiter = createRateLimiter({ max: 2, windowMs: 10_000, now: () => now });
    limiter.hit('a');
    limiter.hit('a');
    let thrown: unknown;
    try {
      limiter.hit('a');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(HttpError);
    expect((thrown as HttpError).status).toBe(429);
    expect((thrown as HttpError).headers).toMatchObject({ 'Retry-After': '10' });
    limiter.hit('b');
    now = 10_000;
    expect(() => limiter.hit('a')).not.toThrow();
  });

  it('forgets a key on reset', () => {
    const limiter = createRateLimiter({ max: 1, windowMs: 1000, now: () => 0 });
    limiter.hit('a');
    limiter.reset('a');
    expect(() => limiter.hit('a')).not.toThrow();
  });
});
