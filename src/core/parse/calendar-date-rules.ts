// Rules for calendar dates: month names ("Dec 3", "3rd of December"), "11/30", ISO and "on the 15th".
import { daysInMonth, fromDayNumber, isValidDate, toDayNumber } from '../calendar.ts';
import type { DayNumber } from '../calendar.ts';
import {
  dateCandidate,
  endsText,
  wordAfter,
  wordBefore,
  wordRegex,
  type Context,
  type DateCandidate,
  type Rule,
} from './candidate.ts';
import {
  DATE_CONNECTORS,
  DAY_WORD_PATTERN,
  MONTH_PATTERN,
  ORDINAL_NOUNS,
  QUANTITY_WORDS,
  WEEKDAY_PATTERN,
  monthIndex,
  ordinalValue,
} from './vocabulary.ts';

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
    return resolved === null ? null : dateCandidate(match, resolved, { explicit: true });
  }
  const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
  return isValidDate(year, month, day)
    ? dateCandidate(match, toDayNumber(year, month, day), { explicit: true })
    : null;
}

const WEEKDAY_WORD = new RegExp(`^(?:${WEEKDAY_PATTERN})$`, 'i');

export const calendarDateRules: Rule[] = [
  {
    // "Dec 3", "December 3rd, 2027", "dec. the 3rd"
    pattern: wordRegex(
      `(${MONTH_PATTERN})\\.?\\s+(?:the\\s+)?(\\d{1,2}(?:st|nd|rd|th)?|${DAY_WORD_PATTERN})(?:\\s*[-–]\\s*\\d{1,2}(?:st|nd|rd|th)?)?(?:,?\\s+(\\d{4}))?(?![:.]\\d)`,
    ),
    build(m, context) {
      if (/^may$/.test(m[1]) && /^\D/.test(m[2])) return null; // "you may first ..."
      return explicitDate(m, context, monthIndex(m[1]), ordinalValue(m[2]), m[3]);
    },
  },
  {
    // "3 Dec", "3rd of December 2027", "the 12th of may"
    pattern: wordRegex(
      `(?:the\\s+)?(\\d{1,2}(?:st|nd|rd|th)?|${DAY_WORD_PATTERN})\\s+(?:of\\s+)?(${MONTH_PATTERN})\\.?(?:,?\\s+(\\d{4}))?`,
    ),
    build: (m, context) => explicitDate(m, context, monthIndex(m[2]), ordinalValue(m[1]), m[3]),
  },
  {
    // US "11/30", "11/30/2026", "11/30/26"; day-first only when the first number cannot be a month ("30/11").
    pattern: wordRegex('(?<![\\d/.,-])(\\d{1,2})/(\\d{1,2})(?:/(\\d{4}|\\d{2}))?(?![/\\d])'),
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
    pattern: wordRegex('(\\d{4})[-/](\\d{2})[-/](\\d{2})(?:T([01]\\d|2[0-3]):([0-5]\\d))?'),
    build(m) {
      const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (!isValidDate(year, month, day)) return null;
      const minutes = m[4] === undefined ? undefined : Number(m[4]) * 60 + Number(m[5]);
      return dateCandidate(m, toDayNumber(year, month, day), { explicit: true, minutes });
    },
  },
  {
    // "on the 15th", "by 3rd": a bare ordinal needs a preposition, or to end the phrase ("The 5th Wave" is a title).
    pattern: wordRegex('(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)'),
    build(m, { text, today }) {
      const before = wordBefore(text, m.index).toLowerCase();
      if (/['’]s$/.test(before)) return null; // "Sam's 21st" is a birthday, not a date
      const end = m.index + m[0].length;
      const endsPhrase = endsText(text, end) || /^\s*(?:at|@)\s/i.test(text.slice(end, end + 10));
      const afterWeekday = WEEKDAY_WORD.test(before);
      if (!(DATE_CONNECTORS.has(before) && before !== 'for') && !afterWeekday && !endsPhrase)
        return null;
      const next = wordAfter(text, m.index + m[0].length);
      if (ORDINAL_NOUNS.has(next.toLowerCase()) || QUANTITY_WORDS.has(next.toLowerCase()))
        return null; // "5th floor"

      const day = nextDayOfMonth(today, Number(m[1]));
      return day === null ? null : dateCandidate(m, day, { explicit: true });
    },
  },
  {
    // "mid January" is the 15th (Todoist)
    pattern: wordRegex(`mid[-\\s]+(${MONTH_PATTERN})`),
    build(m, { today }) {
      const mid = nextMonthDay(today, monthIndex(m[1]), 15);
      return mid === null ? null : dateCandidate(m, mid, { explicit: true });
    },
  },
];
