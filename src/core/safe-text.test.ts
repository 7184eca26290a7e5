import { describe, expect, it } from 'vitest';
import { isRealIsoInstant, isSafeJson, isSafeText } from './safe-text';

describe('safe text', () => {
  it('refuses NUL and unpaired surrogates, keeps paired ones (emoji) and ordinary text', () => {
    expect(isSafeText('Buy milk 🥛 — café')).toBe(true);
    expect(isSafeText('')).toBe(true);
    for (const bad of ['\u0000', 'a\u0000b', '\ud800', 'x\ud83d', '\udc00y', '\udc00\ud800'])
      expect(isSafeText(bad), JSON.stringify(bad)).toBe(false);
  });

  it('checks every string and key of a JSON value', () => {
    expect(isSafeJson({ a: ['b', { c: 1, d: null }] })).toBe(true);
    expect(isSafeJson({ a: ['b', { c: '\u0000' }] })).toBe(false);
    expect(isSafeJson({ ['\ud800']: 1 })).toBe(false);
  });

  it('a real instant is a UTC ISO time from 1970 to 9999 that does not roll over', () => {
    expect(isRealIsoInstant('2026-11-26T09:00:00.000Z')).toBe(true);
    expect(isRealIsoInstant('2028-02-29T00:00:00.000Z')).toBe(true);
    expect(isRealIsoInstant('9999-12-31T23:59:59.999Z')).toBe(true);
    for (const bad of [
      '0000-01-01T00:00:00.000Z',
      '1969-12-31T23:59:59.999Z',
      '2026-02-30T00:00:00.000Z',
      '2026-02-29T00:00:00.000Z',
      '2026-02-10T24:00:00.000Z',
      '2026-13-01T00:00:00.000Z',
    ])
      expect(isRealIsoInstant(bad), bad).toBe(false);
  });
});
