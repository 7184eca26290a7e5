import { describe, expect, it } from 'vitest';
import { formatDay, toDayNumber } from '../calendar.ts';
import { runRules, type DateCandidate } from './candidate.ts';
import { calendarDateRules, nextDayOfMonth, nextMonthDay } from './calendar-date-rules.ts';

// Thursday 2026-11-26, 09:00
const today = toDayNumber(2026, 11, 26);

function dates(text: string): Array<[string, string, boolean]> {
  return (runRules(calendarDateRules, { text, today, nowMinutes: 540 }) as DateCandidate[])
    .sort((a, b) => a.start - b.start || b.end - a.end)
    .map((c) => [text.slice(c.start, c.end), formatDay(c.day), c.weak ?? false]);
}
const first = (text: string) => dates(text)[0]?.slice(0, 2);

describe('calendar date rules', () => {
  it('reads month names in both orders, rolling past dates to next year', () => {
    expect(first('Dec 3')).toEqual(['Dec 3', '2026-12-03']);
    expect(first('3rd of December')).toEqual(['3rd of December', '2026-12-03']);
    expect(first('December 3rd, 2027')).toEqual(['December 3rd, 2027', '2027-12-03']);
    expect(first('Nov 20')).toEqual(['Nov 20', '2027-11-20']);
    expect(first('feb 29')).toEqual(['feb 29', '2028-02-29']);
    expect(dates('Feb 30')).toEqual([]);
    expect(first('May first')).toEqual(['May first', '2027-05-01']);
    expect(first('the fifteenth of June')).toEqual(['the fifteenth of June', '2027-06-15']);
    expect(dates('you may first call')).toEqual([]);
    expect(dates('Ask May about it')).toEqual([]);
    expect(dates('March of the penguins')).toEqual([]);
    expect(dates('Call Jan 5 times')).toEqual([]);
  });
  it('reads numeric and ISO dates, not fractions, versions or idioms', () => {
    expect(first('11/30')).toEqual(['11/30', '2026-11-30']);
    expect(first('1/5')).toEqual(['1/5', '2027-01-05']);
    expect(first('30/11')).toEqual(['30/11', '2026-11-30']);
    expect(first('12/24/26')).toEqual(['12/24/26', '2026-12-24']);
    expect(first('2026-12-03')).toEqual(['2026-12-03', '2026-12-03']);
    expect(first('2025-06-01')).toEqual(['2025-06-01', '2025-06-01']);
    for (const text of [
      '1/2 cup',
      '24/7',
      '9/11',
      '4.2',
      '13/13',
      '2026-13-01',
      'v1.2.3',
      '50/50',
    ]) {
      expect(dates(text), text).toEqual([]);
    }
  });
  it('reads ordinal days only with a preposition or at the end', () => {
    expect(first('on the 1st')).toEqual(['the 1st', '2026-12-01']);
    expect(first('pay by 28th')).toEqual(['28th', '2026-11-28']);
    expect(first('rent the 15th')).toEqual(['the 15th', '2026-12-15']);
    expect(dates('The 5th Wave')).toEqual([]);
    expect(dates('on the 5th floor')).toEqual([]);
    expect(dates("Celebrate Sam's 21st")).toEqual([]);
    expect(first('On the 3rd call the bank')).toEqual(['the 3rd', '2026-12-03']);
    expect(first('Monday the 7th')).toEqual(['the 7th', '2026-12-07']);
    expect(first('mid-january')).toEqual(['mid-january', '2027-01-15']);
  });

  it('nextMonthDay and nextDayOfMonth skip to where the date exists', () => {
    expect(formatDay(nextMonthDay(today, 2, 29)!)).toBe('2028-02-29');
    expect(nextMonthDay(today, 2, 30)).toBeNull();
    expect(formatDay(nextDayOfMonth(toDayNumber(2026, 11, 30), 31)!)).toBe('2026-12-31');
    expect(nextDayOfMonth(today, 32)).toBeNull();
  });
});
