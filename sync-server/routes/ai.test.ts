// POST /api/ai/parse through app.request(), with the server's one error handler.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { parseQuickAdd } from '../../src/core/parse/quick-add';
import { createErrorHandler } from '../errors';
import { createLogger } from '../logging/logger';
import { createAiRoutes } from './ai';

const NOW = Date.parse('2026-11-26T23:30:00Z');

function app() {
  const a = new Hono();
  a.onError(createErrorHandler(createLogger({ level: 'silent' })));
  a.route('/api/ai', createAiRoutes({ now: () => NOW }));
  return a;
}

async function post(body: unknown) {
  const res = await app().request('/api/ai/parse', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** What the parser itself says for the same phrase at the same local wall time. */
function direct(text: string, y: number, mo: number, d: number, h: number, mi: number) {
  const { title, due, priority, project, labels, recurrence, chips } = parseQuickAdd(text, {
    now: new Date(y, mo - 1, d, h, mi),
  });
  return { title, due, priority, project, labels, recurrence, chips };
}

describe('POST /api/ai/parse', () => {
  it('returns the rules parse at the server clock in UTC by default', async () => {
    const { status, body } = await post({ text: 'buy milk tomorrow p2 #Home @shop' });
    expect(status).toBe(200);
    expect(body).toEqual({
      ...direct('buy milk tomorrow p2 #Home @shop', 2026, 11, 26, 23, 30),
      reference: { now: '2026-11-26T23:30', timeZone: 'UTC' },
    });
  });

  it('parses at the wall time of the given IANA zone', async () => {
    const berlin = await post({ text: 'call mum tomorrow', timeZone: 'Europe/Berlin' });
    expect(berlin.body.reference).toEqual({ now: '2026-11-27T00:30', timeZone: 'Europe/Berlin' });
    expect(berlin.body).toMatchObject(direct('call mum tomorrow', 2026, 11, 27, 0, 30));
    // Half past midnight in Berlin is still the 26th in UTC: "tomorrow" differs by a day.
    const utc = await post({ text: 'call mum tomorrow' });
    expect([utc.body.due, berlin.body.due]).toEqual(['2026-11-27', '2026-11-28']);

    const la = await post({
      text: 'call mum tomorrow',
      timeZone: 'America/Los_Angeles',
      now: '2026-07-01T12:00:00Z',
    });
    expect(la.body.reference).toEqual({ now: '2026-07-01T05:00', timeZone: 'America/Los_Angeles' });
  });

  it('reads the wall time across daylight saving time and the date line', async () => {
    const at = async (now: string, timeZone: string) =>
      (await post({ text: 'x', now, timeZone })).body.reference;
    expect(await at('2026-03-29T00:59:00Z', 'Europe/Berlin')).toEqual({
      now: '2026-03-29T01:59',
      timeZone: 'Europe/Berlin',
    });
    expect(await at('2026-03-29T01:00:00Z', 'Europe/Berlin')).toEqual({
      now: '2026-03-29T03:00',
      timeZone: 'Europe/Berlin',
    });
    expect(await at('2026-12-31T23:59:59Z', 'Asia/Tokyo')).toEqual({
      now: '2027-01-01T08:59',
      timeZone: 'Asia/Tokyo',
    });
  });

  it('takes a local wall time as it is', async () => {
    const { body } = await post({
      text: 'standup at 9am',
      now: '2026-03-29T02:30',
      timeZone: 'Europe/London',
    });
    expect(body.reference).toEqual({ now: '2026-03-29T02:30', timeZone: 'Europe/London' });
    expect(body).toMatchObject(direct('standup at 9am', 2026, 3, 29, 2, 30));
  });

  it.each([
    ['no text', {}, 'text'],
    ['blank text', { text: '   ' }, 'text'],
    ['unknown zone', { text: 'x', timeZone: 'Mars/Olympus' }, 'timeZone'],
    ['bad now', { text: 'x', now: 'yesterday' }, 'now'],
    ['extra field', { text: 'x', model: 'gpt' }, ''],
  ])('answers 400 in the error shape for %s', async (_name, body, path) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    const error = res.body.error as {
      code: string;
      message: string;
      details: { issues: { path: string }[] };
    };
    expect(error.code).toBe('validation_failed');
    expect(error.message.length).toBeGreaterThan(0);
    expect(error.details.issues.map((i) => i.path)).toContain(path);
  });

  it('answers 400 invalid_json for a body that is not JSON', async () => {
    const res = await post('{"text": ');
    expect(res).toMatchObject({ status: 400, body: { error: { code: 'invalid_json' } } });
  });
});
