import { describe, expect, it } from 'vitest';
import { daysBetween, localMinute } from '../../core/calendar';
import { formatDateTime, formatDayHeading, formatDue, isOverdue } from './dates';

const today = '2026-11-26'; // a Thursday

describe('dates', () => {
  it('names due days relative to today', () => {
    expect(formatDue('2026-11-26', today)).toBe('Today');
    expect(formatDue('2026-11-27', today)).toBe('Tomorrow');
    expect(formatDue('2026-11-25', today)).toBe('Yesterday');
    expect(formatDue('2026-11-30', today)).toBe('Monday');
    expect(formatDue('2026-12-10', today, 'en-GB')).toBe('10 Dec');
    expect(formatDue('2027-01-05', today, 'en-GB')).toBe('5 Jan 2027');
  });

  it('adds the time of timed dues', () => {
    expect(formatDue('2026-11-27T17:00', today, 'en-GB')).toBe('Tomorrow 17:00');
    expect(formatDue('2026-11-26', today)).toBe('Today');
  });

  it('heads day groups with the date, and the relative day when near', () => {
    expect(formatDayHeading('2026-11-27', today, 'en-GB')).toBe('Tomorrow · Fri 27 Nov');
    expect(formatDayHeading('2026-12-01', today, 'en-GB')).toBe('Tue 1 Dec');
  });

  it("follows the user's locale for every date and time", () => {
    expect(formatDue('2026-12-10', today, 'en-US')).toBe('Dec 10');
    expect(formatDue('2026-11-27T17:00', today, 'en-US')).toBe('Tomorrow 5:00 PM');
    expect(formatDayHeading('2026-12-01', today, 'de-DE')).toBe('Di., 1. Dez.');
    const created = '2026-12-02T09:14:00';
    expect(formatDateTime(created, 'en-US')).toBe('Dec 2, 2026, 9:14 AM');
    expect(formatDateTime(created, 'en-GB')).toBe('2 Dec 2026, 09:14');
  });

  it('knows what is overdue', () => {
    const now = new Date(2026, 10, 26, 9, 30);
    expect(localMinute(now)).toBe('2026-11-26T09:30');
    expect(isOverdue(null, now)).toBe(false);
    expect(isOverdue('2026-11-25', now)).toBe(true);
    expect(isOverdue('2026-11-26', now)).toBe(false);
    expect(isOverdue('2026-11-26T09:00', now)).toBe(true);
    expect(isOverdue('2026-11-26T10:00', now)).toBe(false);
  });

  it('counts days across month ends', () => {
    expect(daysBetween('2026-11-30', '2026-12-02')).toBe(2);
    expect(daysBetween('2026-12-02', '2026-11-30')).toBe(-2);
  });
});
