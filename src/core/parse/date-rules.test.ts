import { describe, expect, it } from 'vitest';
import { formatDay, toDayNumber } from './calendar.ts';
import { runRules, type DateCandidate } from './candidate.ts';
import { dateRules, nextDayOfMonth, nextMonthDay, upcomingWeekday } from './date-rules.ts';

// Thursday 2026-11-26, 09:00
const today = toDayNumber(2026, 11, 26);

function dates(text: string): Array<[string, string, boolean]> {
  return (runRules(dateRules, { text, today, nowMinutes: 540 }) as DateCandidate[])
    .sort((a, b) => a.start - b.start || b.end - a.end)
    .map((c) => [text.slice(c.start, c.end), formatDay(c.day), c.weak ?? false]);
}
const first = (text: string) => dates(text)[0]?.slice(0, 2);

describe('date rules', () => {
  it('reads relative words', () => {
    expect(first('today')).toEqual(['today', '2026-11-26']);
    expect(first('Tonight')).toEqual(['Tonight', '2026-11-26']);
    expect(first('tmrw')).toEqual(['tmrw', '2026-11-27']);
    expect(first('the day after tomorrow')).toEqual(['the day after tomorrow', '2026-11-28']);
  });

  it('reads weekdays: bare and "this" are the coming one (today included), "next" is next week', () => {
    expect(first('thursday')).toEqual(['thursday', '2026-11-26']);
    expect(first('this friday')).toEqual(['this friday', '2026-11-27']);
    expect(first('next friday')).toEqual(['next friday', '2026-12-04']);
    expect(first('next monday')).toEqual(['next monday', '2026-11-30']);
    expect(first('friday next week')).toEqual(['friday next week', '2026-12-04']);
    expect(first('monday after next')).toEqual(['monday after next', '2026-12-07']);
  });

  it('needs context for weekday abbreviations that are words, and skips names and acronyms', () => {
    expect(dates('Sun cream')).toEqual([['Sun', '2026-11-29', true]]);
    expect(dates('on sun')).toEqual([['sun', '2026-11-29', false]]);
    expect(dates('Study for SAT')).toEqual([]);
    expect(dates('Black Friday deals')).toEqual([]);
    expect(dates('Wednesday Addams')).toEqual([['Wednesday', '2026-12-02', true]]);
    expect(dates("Monday's meeting")).toEqual([]);
  });

  it('reads offsets', () => {
    expect(first('in 3 days')).toEqual(['in 3 days', '2026-11-29']);
    expect(first('in a week')).toEqual(['in a week', '2026-12-03']);
    expect(first('in two months')).toEqual(['in two months', '2027-01-26']);
    expect(first('2 weeks from now')).toEqual(['2 weeks from now', '2026-12-10']);
    const [hours] = runRules(dateRules, {
      text: 'in 16 hours',
      today,
      nowMinutes: 540,
    }) as DateCandidate[];
    expect([formatDay(hours.day), hours.minutes]).toEqual(['2026-11-27', 60]);
  });

  it('reads named periods', () => {
    expect(first('next week')).toEqual(['next week', '2026-11-30']);
    expect(first('next month')).toEqual(['next month', '2026-12-01']);
    expect(first('next year')).toEqual(['next year', '2027-01-01']);
    expect(first('this weekend')).toEqual(['this weekend', '2026-11-28']);
    expect(first('next weekend')).toEqual(['next weekend', '2026-12-05']);
    expect(first('end of the month')).toEqual(['end of the month', '2026-11-30']);
    expect(first('mid-january')).toEqual(['mid-january', '2027-01-15']);
    expect(dates('weekend trip')).toEqual([]);
  });

  it('reads month names in both orders, rolling past dates to next year', () => {
    expect(first('Dec 3')).toEqual(['Dec 3', '2026-12-03']);
    expect(first('3rd of December')).toEqual(['3rd of December', '2026-12-03']);
    expect(first('December 3rd, 2027')).toEqual(['December 3rd, 2027', '2027-12-03']);
    expect(first('Nov 20')).toEqual(['Nov 20', '2027-11-20']);
    expect(first('feb 29')).toEqual(['feb 29', '2028-02-29']);
    expect(dates('Feb 30')).toEqual([]);
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
    expect(first('On the 3rd call the bank')).toEqual(['the 3rd', '2026-12-03']);
    expect(first('Monday the 7th')).toEqual(['Monday', '2026-11-30']);
    expect(dates('Monday the 7th')[1]).toEqual(['the 7th', '2026-12-07', false]);
  });
});

describe('date helpers', () => {
  it('upcomingWeekday includes today', () => {
    expect(upcomingWeekday(today, 3)).toBe(today);
    expect(upcomingWeekday(today, 2)).toBe(today + 6);
  });
  it('nextMonthDay and nextDayOfMonth skip to where the date exists', () => {
    expect(formatDay(nextMonthDay(today, 2, 29)!)).toBe('2028-02-29');
    expect(nextMonthDay(today, 2, 30)).toBeNull();
    expect(formatDay(nextDayOfMonth(toDayNumber(2026, 11, 30), 31)!)).toBe('2026-12-31');
    expect(nextDayOfMonth(today, 32)).toBeNull();
  });
});
