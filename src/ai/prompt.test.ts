import { describe, expect, it } from 'vitest';
import { buildMessages, localReferenceNow, weekdayOf } from './prompt';

describe('prompt', () => {
  it('gives the reference date, time and weekday, the schema and the text', () => {
    const [system, user] = buildMessages(
      '  call mum sunday ',
      '2026-11-29T18:05',
      '{"type":"object"}',
    );
    expect(system.role).toBe('system');
    expect(system.content).toContain('{"type":"object"}');
    expect(user.content).toBe('Reference: 2026-11-29T18:05 (Sunday)\nText: call mum sunday\nJSON:');
  });

  it('computes weekdays without the host time zone', () => {
    expect(['2026-11-26', '2026-11-27', '2026-11-28', '2024-02-29'].map(weekdayOf)).toEqual([
      'Thursday',
      'Friday',
      'Saturday',
      'Thursday',
    ]);
  });

  it('formats the local wall clock', () => {
    expect(localReferenceNow(new Date(2026, 0, 5, 7, 3))).toBe('2026-01-05T07:03');
  });
});
