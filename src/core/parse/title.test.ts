import { describe, expect, it } from 'vitest';
import { buildTitle } from './title.ts';

function cut(text: string, ...parts: string[]): string {
  return buildTitle(
    text,
    parts.map((p) => ({ start: text.indexOf(p), end: text.indexOf(p) + p.length })),
  );
}

describe('buildTitle', () => {
  it('collapses whitespace when nothing was removed', () => {
    expect(buildTitle('  Buy   milk ', [])).toBe('Buy milk');
  });

  it('drops connectors left dangling before a removed part', () => {
    expect(cut('Call mom at 5pm', '5pm')).toBe('Call mom');
    expect(cut('Ship it due on friday', 'friday')).toBe('Ship it');
  });

  it('keeps meaningful words between removed parts', () => {
    expect(cut('Meeting on Friday at 3pm with Bob', 'on Friday', 'at 3pm')).toBe(
      'Meeting with Bob',
    );
    expect(cut('Ask May about the report tomorrow', 'tomorrow')).toBe('Ask May about the report');
  });

  it('cleans punctuation and empty brackets around removed parts', () => {
    expect(cut('Dentist (tomorrow)', 'tomorrow')).toBe('Dentist');
    expect(cut('Call mom, tomorrow', 'tomorrow')).toBe('Call mom');
    expect(cut('Due friday: tax forms', 'Due friday')).toBe('tax forms');
    expect(cut('Buy milk tomorrow.', 'tomorrow')).toBe('Buy milk');
    expect(cut('Gift @a, @b for Sam', '@a', '@b')).toBe('Gift for Sam');
  });

  it('returns an empty string when only detected parts were there', () => {
    expect(cut('tomorrow p1', 'tomorrow', 'p1')).toBe('');
  });
});
