import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  localMinute,
  weekdayName,
  addMonths,
  daysInMonth,
  formatDay,
  formatDue,
  fromDayNumber,
  isValidDate,
  parseDue,
  toDayNumber,
  weekdayOf,
} from './calendar.ts';

describe('calendar', () => {
  it('round-trips day numbers and knows weekdays (0 = Monday)', () => {
    const day = toDayNumber(2026, 11, 26);
    expect(fromDayNumber(day)).toEqual({ year: 2026, month: 11, day: 26 });
    expect(weekdayOf(day)).toBe(3);
    expect(weekdayOf(toDayNumber(2028, 2, 28))).toBe(0);
    expect(weekdayOf(toDayNumber(1969, 12, 28))).toBe(6);
  });

  it('knows month lengths and leap years', () => {
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(isValidDate(2026, 2, 29)).toBe(false);
    expect(isValidDate(2026, 13, 1)).toBe(false);
  });

  it('adds months with clamping to the end of the month', () => {
    expect(formatDay(addMonths(toDayNumber(2027, 1, 31), 1))).toBe('2027-02-28');
    expect(formatDay(addMonths(toDayNumber(2026, 12, 15), 1))).toBe('2027-01-15');
    expect(formatDay(addMonths(toDayNumber(2027, 2, 28), 1, 31))).toBe('2027-03-31');
    expect(formatDay(addMonths(toDayNumber(2027, 1, 10), -2))).toBe('2026-11-10');
  });

  it('formats and parses due strings', () => {
    const day = toDayNumber(2026, 1, 5);
    expect(formatDue(day, null)).toBe('2026-01-05');
    expect(formatDue(day, 17 * 60 + 5)).toBe('2026-01-05T17:05');
    expect(parseDue('2026-01-05T17:05')).toEqual({ day, minutes: 1025 });
    expect(parseDue('2026-02-30')).toBeNull();
    expect(parseDue('tomorrow')).toBeNull();
  });

  it('computes weekday names without the host time zone', () => {
    expect(['2026-11-26', '2026-11-27', '2026-11-28', '2024-02-29'].map(weekdayName)).toEqual([
      'Thursday',
      'Friday',
      'Saturday',
      'Thursday',
    ]);
  });

  it('gives the local day and minute of a moment, and day arithmetic across months', () => {
    expect(localMinute(new Date(2026, 0, 5, 7, 3))).toBe('2026-01-05T07:03');
    expect(addDays('2026-12-31T09:00', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  });
});
