// Rules for days named relative to today: "tomorrow", weekdays, "in 3 days", "next week", "end of month".
import { addMonths, daysInMonth, fromDayNumber, toDayNumber, weekdayOf } from '../calendar.ts';
import type { DayNumber } from '../calendar.ts';
import { RIGHT, dateCandidate, wordAfter, wordBefore, wordRegex, type Rule } from './candidate.ts';
import { DAY_PARTS } from './time-rules.ts';
import {
  AMBIGUOUS_WEEKDAY_ABBREVIATIONS,
  COUNT_PATTERN,
  DATE_CONNECTORS,
  MONTH_PATTERN,
  WEEKDAY_NAME_PREFIXES,
  WEEKDAY_PATTERN,
  countValue,
  weekdayIndex,
} from './vocabulary.ts';

/** "tonight" without a time: Todoist's evening time, 19:00. */
const TONIGHT_MINUTES = 19 * 60;

/** Monday of the week containing `day`. */
const mondayOf = (day: DayNumber): DayNumber => day - weekdayOf(day);

/** The next `weekday` on or after `from` (a bare "friday" on a Friday is today, as in Todoist). */
export function upcomingWeekday(from: DayNumber, weekday: number): DayNumber {
  return from + ((weekday - weekdayOf(from) + 7) % 7);
}

const isCapitalised = (word: string): boolean => /^\p{Lu}/u.test(word);
const DATE_WORD = new RegExp(
  `^(?:${MONTH_PATTERN}|${WEEKDAY_PATTERN}|at|on|next|this|every|today|tomorrow|tonight)$`,
  'iu',
);

/** "Wednesday Addams": a capitalised word right after makes a date word part of a name. */
function startsName(text: string, m: RegExpExecArray): boolean {
  const end = m.index + m[0].length;
  const after = wordAfter(text, end);
  return (
    !!after &&
    isCapitalised(after) &&
    !DATE_WORD.test(after) &&
    /^\s+\S/.test(text.slice(end, end + 40))
  );
}

export const relativeDateRules: Rule[] = [
  {
    pattern: wordRegex(
      '(?:the\\s+)?day\\s+after\\s+tomorrow|(?:later\\s+)?today|tonight|tomorrow|tmrw|tmr|tomorow|tommorow|yesterday',
    ),
    build(m, { text, today }) {
      const word = m[0].toLowerCase();
      // "Tomorrow Never Dies", "The Day After Tomorrow": title case makes it a name.
      const titleCase = /\s/.test(m[0]) && m[0].split(/\s+/).every(isCapitalised);
      const anchored = DATE_CONNECTORS.has(wordBefore(text, m.index).toLowerCase());
      const weak = !anchored && (titleCase || startsName(text, m));
      if (weak) return { ...dateCandidate(m, word.endsWith('today') ? today : today + 1), weak };
      if (word.endsWith('after tomorrow')) return dateCandidate(m, today + 2);
      if (word === 'yesterday') return dateCandidate(m, today - 1);
      if (word.endsWith('today')) return dateCandidate(m, today);
      // Todoist's evening is 19:00 (its "every evening"); a clock time in the phrase still wins.
      if (word === 'tonight')
        return dateCandidate(m, today, { evening: true, minutes: TONIGHT_MINUTES });
      return dateCandidate(m, today + 1);
    },
  },
  {
    // "friday", "next friday", "this fri", "friday next week", "next week friday"
    pattern: wordRegex(
      `(next\\s+week\\s+(?:on\\s+)?)?(?:(this\\s+coming|this|coming|next|following)\\s+)?(${WEEKDAY_PATTERN})\\.?(\\s+(?:of\\s+)?next\\s+week|\\s+after\\s+next)?(?!['’]s${RIGHT})`,
    ),
    build(m, { text, today }) {
      const [, weekFirst, modifier, word, weekAfter] = m;
      const weekday = weekdayIndex(word);
      const lower = word.toLowerCase();
      if (AMBIGUOUS_WEEKDAY_ABBREVIATIONS.has(lower) && word === word.toUpperCase()) return null; // "SAT", "SUN": acronyms
      const before = wordBefore(text, m.index);
      const bare = !weekFirst && !modifier && !weekAfter;
      if (bare && isCapitalised(before) && WEEKDAY_NAME_PREFIXES.has(before.toLowerCase()))
        return null;
      const anchored = DATE_CONNECTORS.has(before.toLowerCase()) && before.toLowerCase() !== 'for';
      let weak = false;
      if (bare && !anchored) {
        if (AMBIGUOUS_WEEKDAY_ABBREVIATIONS.has(lower)) weak = true;
        if (startsName(text, m)) weak = true;
      }
      const nextWeek =
        weekFirst ||
        /next/i.test(modifier ?? '') ||
        /following/i.test(modifier ?? '') ||
        /next\s+week/i.test(weekAfter ?? '');
      let day = nextWeek ? mondayOf(today) + 7 + weekday : upcomingWeekday(today, weekday);
      if (/after\s+next/i.test(weekAfter ?? '')) day = mondayOf(today) + 14 + weekday;
      return dateCandidate(m, day, { weak });
    },
  },
  {
    pattern: wordRegex('this\\s+(morning|afternoon|evening)'),
    build: (m, { today }) =>
      dateCandidate(m, today, {
        minutes: DAY_PARTS[m[1].toLowerCase()],
        evening: !/morning/i.test(m[1]),
      }),
  },
  {
    // "in 3 days", "in a week", "in two months", "in 2 hours", "3 days from now"
    pattern: wordRegex(
      `in\\s+(${COUNT_PATTERN})\\s+(day|week|month|year|hour|hr|minute|min)s?(?:['’]?\\s+time)?|(${COUNT_PATTERN})\\s+(day|week|month|year)s?\\s+from\\s+(?:now|today)`,
    ),
    build(m, { today, nowMinutes }) {
      const count = countValue(m[1] ?? m[3]);
      const unit = (m[2] ?? m[4]).toLowerCase();
      if (!Number.isFinite(count) || count < 0 || count > 999) return null;
      if (unit === 'day') return dateCandidate(m, today + count);
      if (unit === 'week') return dateCandidate(m, today + 7 * count);
      if (unit === 'month') return dateCandidate(m, addMonths(today, count));
      if (unit === 'year') return dateCandidate(m, addMonths(today, 12 * count));
      const total = nowMinutes + count * (unit === 'hour' || unit === 'hr' ? 60 : 1);
      return dateCandidate(m, today + Math.floor(total / 1440), { minutes: total % 1440 });
    },
  },
  {
    pattern: wordRegex(
      `next\\s+(week|month|year)|(this\\s+coming|this|next|on\\s+the|over\\s+the|at\\s+the)\\s+weekend|(?:the\\s+)?end\\s+of\\s+(?:the\\s+)?(week|month|year)`,
    ),
    build(m, { today }) {
      const { year, month } = fromDayNumber(today);
      if (m[1]) {
        const unit = m[1].toLowerCase();
        if (unit === 'week') return dateCandidate(m, mondayOf(today) + 7);
        if (unit === 'month') return dateCandidate(m, addMonths(toDayNumber(year, month, 1), 1));
        return dateCandidate(m, toDayNumber(year + 1, 1, 1));
      }
      if (m[2]) {
        const saturday = mondayOf(today) + 5;
        if (/next/i.test(m[2])) return dateCandidate(m, saturday + 7);
        return dateCandidate(m, weekdayOf(today) === 6 ? today : saturday);
      }
      const unit = m[3].toLowerCase();
      // The end of the (work) week is its Friday; on a weekend, the coming one.
      if (unit === 'week') return dateCandidate(m, upcomingWeekday(today, 4));
      const end =
        unit === 'month'
          ? toDayNumber(year, month, daysInMonth(year, month))
          : toDayNumber(year, 12, 31);
      return dateCandidate(m, end);
    },
  },
];
