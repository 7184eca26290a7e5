// Rules for calendar days: relative words, weekdays, offsets, month names, numeric and ISO dates.
import {
  addMonths,
  daysInMonth,
  fromDayNumber,
  isValidDate,
  toDayNumber,
  weekdayOf,
} from './calendar.ts';
import type { DayNumber } from './calendar.ts';
import {
  LEFT,
  RIGHT,
  wordAfter,
  wordBefore,
  type Context,
  type DateCandidate,
  type Rule,
} from './candidate.ts';
import { DAY_PARTS } from './time-rules.ts';
import {
  AMBIGUOUS_WEEKDAY_ABBREVIATIONS,
  COUNT_PATTERN,
  DATE_CONNECTORS,
  MONTH_PATTERN,
  QUANTITY_WORDS,
  WEEKDAY_NAME_PREFIXES,
  WEEKDAY_PATTERN,
  countValue,
  ORDINAL_NOUNS,
  monthIndex,
  weekdayIndex,
} from './vocabulary.ts';

const re = (source: string): RegExp => new RegExp(`${LEFT}(?:${source})${RIGHT}`, 'giu');

function date(
  match: RegExpExecArray,
  day: DayNumber,
  extra: Partial<DateCandidate> = {},
): DateCandidate {
  return { kind: 'date', start: match.index, end: match.index + match[0].length, day, ...extra };
}

/** Monday of the week containing `day`. */
const mondayOf = (day: DayNumber): DayNumber => day - weekdayOf(day);

/** The next `weekday` on or after `from` (a bare "friday" on a Friday is today, as in Todoist). */
export function upcomingWeekday(from: DayNumber, weekday: number): DayNumber {
  return from + ((weekday - weekdayOf(from) + 7) % 7);
}

/** A month/day without a year: this year unless already past, then the next year that has it. */
export function nextMonthDay(today: DayNumber, month: number, day: number): DayNumber | null {
  const { year } = fromDayNumber(today);
  for (let y = year; y <= year + 8; y++) {
    if (isValidDate(y, month, day) && toDayNumber(y, month, day) >= today)
      return toDayNumber(y, month, day);
  }
  return null;
}

/** Day `dayOfMonth` of this month if still ahead, else of the next month that has it ("on the 31st"). */
export function nextDayOfMonth(today: DayNumber, dayOfMonth: number): DayNumber | null {
  if (dayOfMonth < 1 || dayOfMonth > 31) return null;
  const { year, month } = fromDayNumber(today);
  for (let step = 0; step < 13; step++) {
    const index = year * 12 + month - 1 + step;
    const [y, m] = [Math.floor(index / 12), (index % 12) + 1];
    if (dayOfMonth <= daysInMonth(y, m) && toDayNumber(y, m, dayOfMonth) >= today)
      return toDayNumber(y, m, dayOfMonth);
  }
  return null;
}

function explicitDate(
  match: RegExpExecArray,
  context: Context,
  month: number,
  day: number,
  yearText: string | undefined,
): DateCandidate | null {
  const next = wordAfter(context.text, match.index + match[0].length).toLowerCase();
  if (QUANTITY_WORDS.has(next)) return null;
  if (next === 'be' && /^may\b/i.test(match[0])) return null; // "May the 4th be with you"
  if (yearText === undefined) {
    const resolved = nextMonthDay(context.today, month, day);
    return resolved === null ? null : date(match, resolved, { explicit: true });
  }
  const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
  return isValidDate(year, month, day)
    ? date(match, toDayNumber(year, month, day), { explicit: true })
    : null;
}

const TRAILING_SPACE = /[\s\uE000.,;!?]*$/y;
/** Only spaces, punctuation and markers after `index`: the date ends the phrase. */
function endsText(text: string, index: number): boolean {
  TRAILING_SPACE.lastIndex = index;
  return TRAILING_SPACE.test(text);
}

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

const isCapitalised = (word: string): boolean => /^\p{Lu}/u.test(word);
const DATE_WORD = new RegExp(
  `^(?:${MONTH_PATTERN}|${WEEKDAY_PATTERN}|at|on|next|this|every|today|tomorrow|tonight)$`,
  'iu',
);

export const dateRules: Rule[] = [
  {
    pattern: re(
      '(?:the\\s+)?day\\s+after\\s+tomorrow|today|tonight|tomorrow|tmrw|tmr|tomorow|tommorow|yesterday',
    ),
    build(m, { text, today }) {
      const word = m[0].toLowerCase();
      // "Tomorrow Never Dies", "The Day After Tomorrow": title case makes it a name.
      const titleCase = /\s/.test(m[0]) && m[0].split(/\s+/).every(isCapitalised);
      const anchored = DATE_CONNECTORS.has(wordBefore(text, m.index).toLowerCase());
      const weak = !anchored && (titleCase || startsName(text, m));
      if (weak) return { ...date(m, word === 'today' ? today : today + 1), weak };
      if (word.endsWith('after tomorrow')) return date(m, today + 2);
      if (word === 'yesterday') return date(m, today - 1);
      if (word === 'today') return date(m, today);
      if (word === 'tonight') return date(m, today, { evening: true });
      return date(m, today + 1);
    },
  },
  {
    // "friday", "next friday", "this fri", "friday next week", "next week friday"
    pattern: re(
      `(next\\s+week\\s+(?:on\\s+)?)?(?:(this\\s+coming|this|coming|next|following)\\s+)?(${WEEKDAY_PATTERN})\\.?(\\s+(?:of\\s+)?next\\s+week|\\s+after\\s+next)?(?!['’]s${RIGHT})`,
    ),
    build(m, { text, today }) {
      const [, weekFirst, modifier, word, weekAfter] = m;
      const weekday = weekdayIndex(word);
      const lower = word.toLowerCase();
      if (word.length <= 3 && word === word.toUpperCase()) return null; // "SAT", "SUN": acronyms
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
      return date(m, day, { weak });
    },
  },
  {
    pattern: re('this\\s+(morning|afternoon|evening)'),
    build: (m, { today }) =>
      date(m, today, { minutes: DAY_PARTS[m[1].toLowerCase()], evening: !/morning/i.test(m[1]) }),
  },
  {
    // "in 3 days", "in a week", "in two months", "in 2 hours", "3 days from now"
    pattern: re(
      `in\\s+(${COUNT_PATTERN})\\s+(day|week|month|year|hour|hr|minute|min)s?(?:['’]?\\s+time)?|(${COUNT_PATTERN})\\s+(day|week|month|year)s?\\s+from\\s+(?:now|today)`,
    ),
    build(m, { today, nowMinutes }) {
      const count = countValue(m[1] ?? m[3]);
      const unit = (m[2] ?? m[4]).toLowerCase();
      if (!Number.isFinite(count) || count < 0 || count > 999) return null;
      if (unit === 'day') return date(m, today + count);
      if (unit === 'week') return date(m, today + 7 * count);
      if (unit === 'month') return date(m, addMonths(today, count));
      if (unit === 'year') return date(m, addMonths(today, 12 * count));
      const total = nowMinutes + count * (unit === 'hour' || unit === 'hr' ? 60 : 1);
      return date(m, today + Math.floor(total / 1440), { minutes: total % 1440 });
    },
  },
  {
    pattern: re(
      `next\\s+(week|month|year)|(this\\s+coming|this|next|on\\s+the|over\\s+the|at\\s+the)\\s+weekend|(?:the\\s+)?end\\s+of\\s+(?:the\\s+)?(month|year)|mid[-\\s]+(${MONTH_PATTERN})`,
    ),
    build(m, { today }) {
      const { year, month } = fromDayNumber(today);
      if (m[1]) {
        const unit = m[1].toLowerCase();
        if (unit === 'week') return date(m, mondayOf(today) + 7);
        if (unit === 'month') return date(m, addMonths(toDayNumber(year, month, 1), 1));
        return date(m, toDayNumber(year + 1, 1, 1));
      }
      if (m[2]) {
        const saturday = mondayOf(today) + 5;
        if (/next/i.test(m[2])) return date(m, saturday + 7);
        return date(m, weekdayOf(today) === 6 ? today : saturday);
      }
      if (m[3]) {
        const end =
          m[3].toLowerCase() === 'month'
            ? toDayNumber(year, month, daysInMonth(year, month))
            : toDayNumber(year, 12, 31);
        return date(m, end);
      }
      const mid = nextMonthDay(today, monthIndex(m[4]), 15);
      return mid === null ? null : date(m, mid, { explicit: true });
    },
  },
  {
    // "Dec 3", "December 3rd, 2027", "dec. the 3rd"
    pattern: re(
      `(${MONTH_PATTERN})\\.?\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?(?:\\s*[-–]\\s*\\d{1,2}(?:st|nd|rd|th)?)?(?:,?\\s+(\\d{4}))?(?![:.]\\d)`,
    ),
    build: (m, context) => explicitDate(m, context, monthIndex(m[1]), Number(m[2]), m[3]),
  },
  {
    // "3 Dec", "3rd of December 2027", "the 12th of may"
    pattern: re(
      `(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH_PATTERN})\\.?(?:,?\\s+(\\d{4}))?`,
    ),
    build: (m, context) => explicitDate(m, context, monthIndex(m[2]), Number(m[1]), m[3]),
  },
  {
    // US "11/30", "11/30/2026", "11/30/26"; day-first only when the first number cannot be a month ("30/11").
    pattern: re('(?<![\\d/.,-])(\\d{1,2})/(\\d{1,2})(?:/(\\d{4}|\\d{2}))?(?![/\\d])'),
    build(m, context) {
      const [a, b] = [Number(m[1]), Number(m[2])];
      if (['24/7', '9/11', '10/10'].includes(m[0])) return null; // idioms, not dates
      const after = wordAfter(context.text, m.index + m[0].length).toLowerCase();
      if (!m[3] && (after === 'of' || QUANTITY_WORDS.has(after))) return null; // "1/2 cup", "3/4 of"
      if (a >= 1 && a <= 12) return explicitDate(m, context, a, b, m[3]);
      if (b >= 1 && b <= 12) return explicitDate(m, context, b, a, m[3]);
      return null;
    },
  },
  {
    // ISO "2026-12-03", "2026/12/03", "2026-12-03T14:30"
    pattern: re('(\\d{4})[-/](\\d{2})[-/](\\d{2})(?:T([01]\\d|2[0-3]):([0-5]\\d))?'),
    build(m) {
      const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (!isValidDate(year, month, day)) return null;
      const minutes = m[4] === undefined ? undefined : Number(m[4]) * 60 + Number(m[5]);
      return date(m, toDayNumber(year, month, day), { explicit: true, minutes });
    },
  },
  {
    // "on the 15th", "by 3rd": a bare ordinal needs a preposition, or to end the phrase ("The 5th Wave" is a title).
    pattern: re('(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)'),
    build(m, { text, today }) {
      const before = wordBefore(text, m.index).toLowerCase();
      const end = m.index + m[0].length;
      const endsPhrase = endsText(text, end) || /^\s*(?:at|@)\s/i.test(text.slice(end, end + 10));
      const afterWeekday = new RegExp(`^(?:${WEEKDAY_PATTERN})$`, 'i').test(before);
      if (!(DATE_CONNECTORS.has(before) && before !== 'for') && !afterWeekday && !endsPhrase)
        return null;
      const next = wordAfter(text, m.index + m[0].length);
      if (ORDINAL_NOUNS.has(next.toLowerCase()) || QUANTITY_WORDS.has(next.toLowerCase()))
        return null; // "5th floor"

      const day = nextDayOfMonth(today, Number(m[1]));
      return day === null ? null : date(m, day, { explicit: true });
    },
  },
];
