import { describe, expect, it } from 'vitest';
import { formatDay, toDayNumber } from '../calendar.ts';
import { runRules, type DateCandidate } from './candidate.ts';
import { relativeDateRules, upcomingWeekday } from './relative-date-rules.ts';

// Thursday 2026-11-26, 09:00
const today = toDayNumber(2026, 11, 26);

function dates(text: string): Array<[string, string, boolean]> {
  return (runRules(relativeDateRules, { text, today, nowMinutes: 540 }) as DateCandidate[])
    .sort((a, b) => a.start - b.start || b.end - a.end)
    .map((c) => [text.slice(c.start, c.end), formatDay(c.day), c.weak ?? false]);
}
const first = (text: string) => dates(text)[0]?.slice(0, 2);

describe('relative date rules', () => {
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
    const [hours] = runRules(relativeDateRules, {
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
    expect(first('end of week')).toEqual(['end of week', '2026-11-27']);
    expect(dates('weekend trip')).toEqual([]);
  });

  it('upcomingWeekday includes today', () => {
    expect(upcomingWeekday(today, 3)).toBe(today);
    expect(upcomingWeekday(today, 2)).toBe(today + 6);
  });
});
