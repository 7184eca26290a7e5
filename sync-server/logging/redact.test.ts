import { describe, expect, it } from 'vitest';
import { CENSOR, createKeyRedactor } from './redact';

const redactor = createKeyRedactor(['authorization', 'password', 'token']);

describe('key redaction', () => {
  it('replaces credential keys at the top level and one and two levels down', () => {
    const out = redactor.object({
      token: 't0',
      body: { password: 'p1', email: 'a@b.test' },
      req: { headers: { authorization: 'Bearer x', accept: 'json' } },
      list: [{ token: 't2' }],
    });
    expect(out).toEqual({
      token: CENSOR,
      body: { password: CENSOR, email: 'a@b.test' },
      req: { headers: { authorization: CENSOR, accept: 'json' } },
      list: [{ token: CENSOR }],
    });
    expect(Array.isArray(out.list)).toBe(true);
  });

  it('leaves the caller’s object alone and returns it as is when nothing is a credential', () => {
    const logged = { body: { password: 'p1' }, other: { deep: { x: 1 } } };
    const out = redactor.object(logged);
    expect(logged.body.password).toBe('p1');
    expect(out.other).toBe(logged.other);
    const clean = { requestId: 'r', metadata: { priority: 1 } };
    expect(redactor.object(clean)).toBe(clean);
  });

  it('stops three levels down, where the value scrubber is the defence', () => {
    const out = redactor.object({ a: { b: { c: { token: 'deep' } } } });
    expect(out.a.b.c.token).toBe('deep');
  });

  it('redacts the fields of a logged error as pino writes it', () => {
    const error = Object.assign(new Error('boom'), { token: 't', detail: { password: 'p' } });
    const out = redactor.err(error) as Record<string, unknown>;
    expect(out).toMatchObject({ message: 'boom', token: CENSOR, detail: { password: CENSOR } });
    expect(String(out.stack)).toContain('boom');
    expect((error as { token: string }).token).toBe('t');
  });
});
