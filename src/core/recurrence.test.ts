import { describe, expect, it } from 'vitest';
import { toDayNumber } from './calendar.ts';
import { describeRecurrence, firstOccurrence, nextOccurrence, parseRRule } from './recurrence.ts';

describe('firstOccurrence', () => {
  const thu = toDayNumber(2026, 11, 26);
  it('starts on the start day when the rule allows it', () => {
    expect(firstOccurrence(parseRRule('FREQ=DAILY;INTERVAL=2')!, thu)).toBe(thu);
    expect(firstOccurrence(parseRRule('FREQ=WEEKLY;BYDAY=TU,TH')!, thu)).toBe(thu);
  });
  it('finds the next matching day, ignoring the interval for the first one', () => {
    expect(firstOccurrence(parseRRule('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO')!, thu)).toBe(
      toDayNumber(2026, 11, 30),
    );
    expect(firstOccurrence(parseRRule('FREQ=MONTHLY;BYMONTHDAY=15')!, thu)).toBe(
      toDayNumber(2026, 12, 15),
    );
    expect(firstOccurrence(parseRRule('FREQ=MONTHLY;BYDAY=1MO')!, thu)).toBe(
      toDayNumber(2026, 12, 7),
    );
    expect(firstOccurrence(parseRRule('FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=15')!, thu)).toBe(
      toDayNumber(2027, 1, 15),
    );
  });
});

describe('nextOccurrence', () => {
  it('moves a daily task one interval past its due', () => {
    expect(nextOccurrence('FREQ=DAILY', '2026-11-26', '2026-11-26')).toBe('2026-11-27');
    expect(nextOccurrence('FREQ=DAILY;INTERVAL=3', '2026-11-26T08:00', '2026-11-26')).toBe(
      '2026-11-29T08:00',
    );
  });

  it('catches up to today when the task is overdue, keeping the time of day', () => {
    expect(nextOccurrence('FREQ=DAILY', '2026-11-01T07:30', '2026-11-26')).toBe('2026-11-26T07:30');
    expect(nextOccurrence('FREQ=WEEKLY;BYDAY=MO', '2026-10-05', '2026-11-26')).toBe('2026-11-30');
  });

  it('walks weekdays and skips weekends', () => {
    const weekdays = 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR';
    expect(nextOccurrence(weekdays, '2026-11-27', '2026-11-27')).toBe('2026-11-30');
    expect(nextOccurrence(weekdays, '2026-11-30', '2026-11-30')).toBe('2026-12-01');
  });

  it('honours the interval between weeks with several weekdays', () => {
    const rule = 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH';
    expect(nextOccurrence(rule, '2026-12-01', '2026-12-01')).toBe('2026-12-03');
    expect(nextOccurrence(rule, '2026-12-03', '2026-12-03')).toBe('2026-12-15');
    expect(nextOccurrence('FREQ=WEEKLY;INTERVAL=2', '2026-11-26', '2026-11-26')).toBe('2026-12-10');
  });

  it('keeps the day of month across short months', () => {
    expect(nextOccurrence('FREQ=MONTHLY', '2027-01-31', '2027-01-31')).toBe('2027-02-28');
    expect(nextOccurrence('FREQ=MONTHLY', '2027-01-31', '2027-03-01')).toBe('2027-03-31');
    expect(nextOccurrence('FREQ=MONTHLY;BYMONTHDAY=31', '2027-01-31', '2027-01-31')).toBe(
      '2027-02-28',
    );
    expect(nextOccurrence('FREQ=MONTHLY;BYMONTHDAY=31', '2027-02-28', '2027-02-28')).toBe(
      '2027-03-31',
    );
    expect(nextOccurrence('FREQ=MONTHLY;INTERVAL=3', '2026-11-30', '2026-11-30')).toBe(
      '2027-02-28',
    );
  });

  it('handles several month days, the last day and nth weekdays', () => {
    expect(nextOccurrence('FREQ=MONTHLY;BYMONTHDAY=1,15', '2026-12-01', '2026-12-01')).toBe(
      '2026-12-15',
    );
    expect(nextOccurrence('FREQ=MONTHLY;BYMONTHDAY=1,15', '2026-12-15', '2026-12-15')).toBe(
      '2027-01-01',
    );
    expect(nextOccurrence('FREQ=MONTHLY;BYMONTHDAY=-1', '2028-01-31', '2028-01-31')).toBe(
      '2028-02-29',
    );
    expect(nextOccurrence('FREQ=MONTHLY;BYDAY=1MO', '2026-12-07', '2026-12-07')).toBe('2027-01-04');
    expect(nextOccurrence('FREQ=MONTHLY;BYDAY=-1FR', '2026-11-27', '2026-11-27')).toBe(
      '2026-12-25',
    );
  });

  it('moves yearly tasks, leap days included', () => {
    expect(nextOccurrence('FREQ=YEARLY', '2026-11-26', '2026-11-26')).toBe('2027-11-26');
    expect(nextOccurrence('FREQ=YEARLY', '2028-02-29', '2028-02-29')).toBe('2029-02-28');
    expect(nextOccurrence('FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=15', '2027-01-15', '2027-01-15')).toBe(
      '2028-01-15',
    );
  });

  it('with no due, gives the first occurrence after today', () => {
    expect(nextOccurrence('FREQ=DAILY', null, '2026-11-26')).toBe('2026-11-27');
    expect(nextOccurrence('FREQ=WEEKLY;BYDAY=TH', null, '2026-11-26')).toBe('2026-12-03');
  });

  it('falls back to FREQ and INTERVAL when other parts cannot be read', () => {
    expect(nextOccurrence('FREQ=WEEKLY;INTERVAL=2;BYDAY=XX', '2026-11-26', '2026-11-26')).toBe(
      '2026-12-10',
    );
  });

  it('throws on input it cannot honour', () => {
    expect(() => nextOccurrence('FREQ=HOURLY', null, '2026-11-26')).toThrow(RangeError);
    expect(() => nextOccurrence('FREQ=DAILY', 'soon', '2026-11-26')).toThrow(RangeError);
    expect(() => nextOccurrence('FREQ=DAILY', null, '26/11/2026')).toThrow(RangeError);
  });
});

describe('describeRecurrence', () => {
  it.each([
    ['FREQ=DAILY', 'every day'],
    ['FREQ=DAILY;INTERVAL=2', 'every 2 days'],
    ['FREQ=WEEKLY', 'every week'],
    ['FREQ=WEEKLY;INTERVAL=2', 'every 2 weeks'],
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', 'every weekday'],
    ['FREQ=WEEKLY;BYDAY=SA,SU', 'every weekend'],
    ['FREQ=WEEKLY;BYDAY=TU,TH', 'every Tue and Thu'],
    ['FREQ=WEEKLY;BYDAY=MO,WE,FR', 'every Mon, Wed and Fri'],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', 'every 2 weeks on Mon'],
    ['FREQ=MONTHLY', 'every month'],
    ['FREQ=MONTHLY;INTERVAL=3', 'every 3 months'],
    ['FREQ=MONTHLY;BYMONTHDAY=15', 'every month on the 15th'],
    ['FREQ=MONTHLY;BYMONTHDAY=1,22', 'every month on the 1st and 22nd'],
    ['FREQ=MONTHLY;BYMONTHDAY=-1', 'every month on the last day'],
    ['FREQ=MONTHLY;BYDAY=1MO', 'every month on the first Mon'],
    ['FREQ=YEARLY', 'every year'],
    ['FREQ=YEARLY;INTERVAL=2', 'every 2 years'],
    ['FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=15', 'every year on Jan 15'],
    ['not a rule', 'not a rule'],
  ])('%s -> %s', (rule, text) => {
    expect(describeRecurrence(rule)).toBe(text);
  });
});
