import { describe, expect, it } from 'vitest';
import { toDayNumber } from '../calendar.ts';
import { runRules, type TimeCandidate } from './candidate.ts';
import { timeRules } from './time-rules.ts';

function times(text: string): Array<[string, string, boolean]> {
  const found = runRules(timeRules, {
    text,
    today: toDayNumber(2026, 11, 26),
    nowMinutes: 540,
  }) as TimeCandidate[];
  return found
    .sort((a, b) => a.start - b.start || b.end - a.end)
    .map((c) => [
      text.slice(c.start, c.end),
      `${String(Math.floor(c.minutes / 60)).padStart(2, '0')}:${String(c.minutes % 60).padStart(2, '0')}`,
      c.weak ?? false,
    ]);
}
const first = (text: string) => times(text)[0]?.slice(0, 2);

describe('time rules', () => {
  it('reads am/pm in its spellings', () => {
    expect(first('5pm')).toEqual(['5pm', '17:00']);
    expect(first('5:45 pm')).toEqual(['5:45 pm', '17:45']);
    expect(first('10 a.m.')).toEqual(['10 a.m.', '10:00']);
    expect(first('12am')).toEqual(['12am', '00:00']);
    expect(first('12pm')).toEqual(['12pm', '12:00']);
    expect(first('@ 7pm')).toEqual(['@ 7pm', '19:00']);
    expect(times('13pm')).toEqual([]);
  });

  it('reads 24-hour clock times but not ratios or scores', () => {
    expect(first('17:00')).toEqual(['17:00', '17:00']);
    expect(first('07:30')).toEqual(['07:30', '07:30']);
    expect(first('9:30')).toEqual(['9:30', '09:30']);
    for (const text of ['1:1', '3:2 ratio', '24:00', '12:60', '4.2', '10:30:15'])
      expect(times(text), text).toEqual([]);
  });

  it('guesses the afternoon for 1-6 without am/pm', () => {
    expect(first('at 5')).toEqual(['at 5', '17:00']);
    expect(first('3:30')).toEqual(['3:30', '15:30']);
    expect(first('at 10')).toEqual(['at 10', '10:00']);
    expect(first('at 17')).toEqual(['at 17', '17:00']);
  });

  it('reads ranges from their start', () => {
    expect(first('3-4pm')).toEqual(['3-4pm', '15:00']);
    expect(first('11-1pm')).toEqual(['11-1pm', '11:00']);
    expect(first('1pm-3pm')).toEqual(['1pm-3pm', '13:00']);
    expect(first('10:00-11:30')).toEqual(['10:00-11:30', '10:00']);
    expect(times('score 3-1')).toEqual([]);
    expect(times('Dec 3 - 10am')).toEqual([['10am', '10:00', false]]);
  });

  it('does not take "at N" before a quantity, and marks it weak before an unknown word', () => {
    expect(times('at 5 stars')).toEqual([]);
    expect(times('at 10 Downing Street')).toEqual([['at 10', '10:00', true]]);
    expect(times('at 5 with Bob')).toEqual([['at 5', '17:00', false]]);
  });

  it('reads noon, midnight and parts of the day, weak unless anchored', () => {
    expect(times('at noon')).toEqual([['noon', '12:00', false]]);
    expect(times('midnight snack')).toEqual([['midnight', '00:00', true]]);
    expect(times('in the morning')).toEqual([['in the morning', '09:00', false]]);
    expect(times('evening')).toEqual([['evening', '19:00', true]]);
  });

  it('never reads bare numbers as times', () => {
    for (const text of ['Buy 2 apples', 'Read 1984', 'Apollo 13', 'Room 101'])
      expect(times(text), text).toEqual([]);
  });
});
