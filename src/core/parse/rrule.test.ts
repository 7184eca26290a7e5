import { describe, expect, it } from 'vitest';
import { formatRRule, parseRRule } from './rrule.ts';

describe('parseRRule / formatRRule', () => {
  it('round-trips the canonical forms quick add produces', () => {
    for (const rule of [
      'FREQ=DAILY',
      'FREQ=DAILY;INTERVAL=3',
      'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO',
      'FREQ=MONTHLY;BYMONTHDAY=1,15',
      'FREQ=MONTHLY;BYMONTHDAY=-1',
      'FREQ=MONTHLY;BYDAY=1MO',
      'FREQ=MONTHLY;BYDAY=-1FR',
      'FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=15',
    ]) {
      const parsed = parseRRule(rule);
      expect(parsed, rule).not.toBeNull();
      expect(formatRRule(parsed!)).toBe(rule);
    }
  });

  it('orders BYDAY by weekday, drops INTERVAL=1 and accepts an RRULE: prefix', () => {
    expect(formatRRule(parseRRule('RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=TH,TU')!)).toBe(
      'FREQ=WEEKLY;BYDAY=TU,TH',
    );
  });

  it('rejects what it cannot schedule', () => {
    for (const rule of [
      '',
      'FREQ=HOURLY',
      'FREQ=DAILY;INTERVAL=0',
      'FREQ=WEEKLY;BYDAY=XX',
      'FREQ=MONTHLY;BYMONTHDAY=32',
      'FREQ=YEARLY;BYMONTH=13',
    ]) {
      expect(parseRRule(rule), rule).toBeNull();
    }
  });
});
