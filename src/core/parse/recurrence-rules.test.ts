import { describe, expect, it } from 'vitest';
import { formatRRule } from '../recurrence.ts';
import { toDayNumber } from '../calendar.ts';
import { runRules, type RecurrenceCandidate } from './candidate.ts';
import { recurrenceRules } from './recurrence-rules.ts';

function recur(text: string): [string, string] | undefined {
  const [c] = runRules(recurrenceRules, {
    text,
    today: toDayNumber(2026, 11, 26),
    nowMinutes: 540,
  }) as RecurrenceCandidate[];
  return c && [text.slice(c.start, c.end), formatRRule(c.rule)];
}

describe('recurrence rules', () => {
  it.each([
    ['every day', 'FREQ=DAILY'],
    ['daily', 'FREQ=DAILY'],
    ['every other day', 'FREQ=DAILY;INTERVAL=2'],
    ['every 3 days', 'FREQ=DAILY;INTERVAL=3'],
    ['every three days', 'FREQ=DAILY;INTERVAL=3'],
    ['every weekday', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
    ['every workday', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
    ['every weekend', 'FREQ=WEEKLY;BYDAY=SA,SU'],
    ['every monday', 'FREQ=WEEKLY;BYDAY=MO'],
    ['every tuesday and thursday', 'FREQ=WEEKLY;BYDAY=TU,TH'],
    ['every fri, mon & wed', 'FREQ=WEEKLY;BYDAY=MO,WE,FR'],
    ['every mon-fri', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
    ['every other monday', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO'],
    ['every week', 'FREQ=WEEKLY'],
    ['weekly', 'FREQ=WEEKLY'],
    ['every 2 weeks', 'FREQ=WEEKLY;INTERVAL=2'],
    ['every other week', 'FREQ=WEEKLY;INTERVAL=2'],
    ['biweekly', 'FREQ=WEEKLY;INTERVAL=2'],
    ['every 2 weeks on friday', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR'],
    ['monthly', 'FREQ=MONTHLY'],
    ['every month on the 15th', 'FREQ=MONTHLY;BYMONTHDAY=15'],
    ['monthly on the 1st and 15th', 'FREQ=MONTHLY;BYMONTHDAY=1,15'],
    ['every 27th', 'FREQ=MONTHLY;BYMONTHDAY=27'],
    ['every last day of the month', 'FREQ=MONTHLY;BYMONTHDAY=-1'],
    ['every 3 months', 'FREQ=MONTHLY;INTERVAL=3'],
    ['every first monday', 'FREQ=MONTHLY;BYDAY=1MO'],
    ['every last friday of the month', 'FREQ=MONTHLY;BYDAY=-1FR'],
    ['every year', 'FREQ=YEARLY'],
    ['yearly', 'FREQ=YEARLY'],
    ['every jan 15', 'FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=15'],
    ['every 4th of july', 'FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=4'],
    ['every year on dec 25', 'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25'],
    ['every monday wednesday friday', 'FREQ=WEEKLY;BYDAY=MO,WE,FR'],
    ['every 2nd and 4th friday', 'FREQ=MONTHLY;BYDAY=2FR,4FR'],
    ['the 1st of every month', 'FREQ=MONTHLY;BYMONTHDAY=1'],
    ['every month on the first monday', 'FREQ=MONTHLY;BYDAY=1MO'],
    ['every 2 months on the 10th', 'FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=10'],
    ['every 3rd day', 'FREQ=DAILY;INTERVAL=3'],
  ])('%s', (text, rule) => {
    expect(recur(text)).toEqual([text, rule]);
  });

  it('gives "every morning" a time', () => {
    const [c] = runRules(recurrenceRules, {
      text: 'every morning',
      today: 0,
      nowMinutes: 0,
    }) as RecurrenceCandidate[];
    expect([formatRRule(c.rule), c.minutes]).toEqual(['FREQ=DAILY', 540]);
  });

  it('ignores "every" that is not a schedule, and adjectives', () => {
    for (const text of [
      'check every drawer',
      'every time',
      'weekly report',
      'the daily standup',
      'everyday essentials',
      'every feb 30',
    ]) {
      expect(recur(text), text).toBeUndefined();
    }
  });

  it('keeps adverbs before a time or marker', () => {
    expect(recur('standup daily at 9')).toEqual(['daily', 'FREQ=DAILY']);
    expect(recur('pay rent monthly')).toEqual(['monthly', 'FREQ=MONTHLY']);
  });
});
