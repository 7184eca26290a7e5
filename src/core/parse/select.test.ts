import { describe, expect, it } from 'vitest';
import type { Candidate } from './candidate.ts';
import { adjacent, groupDue, selectCandidates } from './select.ts';

const time = (start: number, end: number, extra: Partial<Candidate> = {}): Candidate =>
  ({ kind: 'time', start, end, minutes: 0, ...extra }) as Candidate;
const date = (start: number, end: number, extra: Partial<Candidate> = {}): Candidate =>
  ({ kind: 'date', start, end, day: 0, ...extra }) as Candidate;
const spans = (cs: Candidate[]) => cs.map((c) => [c.start, c.end]);

describe('selectCandidates', () => {
  it('keeps the longest of overlapping parts', () => {
    // "every monday": the recurrence (0-12) beats the weekday inside it (6-12)
    const text = 'every monday';
    const recurrence = { kind: 'recurrence', start: 0, end: 12 } as Candidate;
    expect(selectCandidates([date(6, 12), recurrence], text)).toEqual([recurrence]);
  });

  it('keeps weak parts only next to a strong one, in either direction', () => {
    const text = 'tomorrow evening and noon elsewhere sun';
    const picked = selectCandidates(
      [
        date(0, 8),
        time(9, 16, { weak: true, dayPart: true }),
        time(21, 25, { weak: true }),
        date(36, 39, { weak: true }),
      ],
      text,
    );
    expect(spans(picked)).toEqual([
      [0, 8],
      [9, 16],
      [21, 25],
    ]);
  });

  it('does not let a part of the day lean on a date written after it', () => {
    const text = 'night Saturday';
    expect(
      spans(selectCandidates([time(0, 5, { weak: true, dayPart: true }), date(6, 14)], text)),
    ).toEqual([[6, 14]]);
  });
});

describe('adjacent and groupDue', () => {
  it('joins parts separated by spaces, commas or a connector word', () => {
    const text = 'Friday, at 5pm then Dec 4';
    expect(adjacent({ start: 0, end: 6 }, { start: 8, end: 14 }, text)).toBe(true);
    expect(adjacent({ start: 8, end: 14 }, { start: 20, end: 25 }, text)).toBe(false);
  });

  it('grows a chip over connectors but keeps "for" unless the date ends the phrase', () => {
    const call = 'Call mom on tomorrow at 5pm';
    expect(groupDue([date(12, 20) as never, time(21, 27) as never], call)).toEqual([
      { start: 9, end: 27 },
    ]);
    expect(groupDue([date(13, 19) as never], 'Buy gift for Friday party')).toEqual([
      { start: 13, end: 19 },
    ]);
    expect(groupDue([date(13, 19) as never], 'Buy gift for Friday')).toEqual([
      { start: 9, end: 19 },
    ]);
  });
});
