import { describe, expect, it } from 'vitest';
import { parseRetryAfter, requestJson, SyncHttpError } from './http';
import { backoffDelay, retryDelay } from './retry';

/** A real Response from the platform, as fetch would return it (no network involved). */
const respond =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  async () =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers });

const transport = (fetch: typeof globalThis.fetch) => ({
  fetch,
  baseUrl: 'http://127.0.0.1:1',
  getAccessToken: async () => 't',
  now: () => Date.parse('2026-11-26T09:00:00Z'),
});

describe('sync HTTP classification', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-11-26T09:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Thu, 26 Nov 2026 09:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Thu, 26 Nov 2026 08:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('maps every non-2xx status to a failure kind, with the server code when given', async () => {
    const kinds: [number, unknown, string, string][] = [
      [410, { error: { code: 'cursor_expired', message: 'old' } }, 'expired', 'cursor_expired'],
      [410, {}, 'permanent', 'bad_request'],
      [401, 'no json', 'unauthorized', 'unauthorized'],
      [413, {}, 'too_large', 'payload_too_large'],
      [429, {}, 'transient', 'rate_limited'],
      [408, {}, 'transient', 'bad_request'],
      [502, '<html>', 'transient', 'server_error'],
      [404, { error: { code: 'not_found', message: 'No route' } }, 'permanent', 'not_found'],
    ];
    for (const [status, body, kind, code] of kinds) {
      const error = await requestJson(transport(respond(status, body) as never), 'GET', '/x').catch(
        (e: unknown) => e,
      );
      expect(error, `${status}`).toBeInstanceOf(SyncHttpError);
      expect([(error as SyncHttpError).kind, (error as SyncHttpError).code], `${status}`).toEqual([
        kind,
        code,
      ]);
    }
    expect(
      await requestJson(transport(respond(200, { ok: 1 }) as never), 'POST', '/x', {}),
    ).toEqual({ ok: 1 });
    const noJson = await requestJson(transport(respond(200, '') as never), 'GET', '/x').catch(
      (e: unknown) => e,
    );
    expect((noJson as SyncHttpError).kind).toBe('transient');
  });

  it('backoff grows exponentially up to the cap; the wait is never under the base or a Retry-After', () => {
    expect([0, 1, 2, 3, 10].map((a) => backoffDelay(a, 100, 1000, () => 0.999))).toEqual([
      99, 199, 399, 799, 999,
    ]);
    const policy = { baseMs: 100, maxMs: 1000, random: () => 0 };
    expect(retryDelay(new Error('plain'), 3, policy)).toBe(100);
    const limited = new SyncHttpError('transient', 'rate_limited', 'Slow down', 429, 7_000);
    expect(retryDelay(limited, 1, { ...policy, random: () => 0.999 })).toBe(7_000);
  });
});
