// Rules for repeating dates ("every other monday", "every month on the 15th", "weekly"), read with
// sticky regexes after the keyword so each variant is a short step rather than one unreadable pattern.
import { formatRRule, type Frequency, type RecurrenceRule, type WeekdayRule } from './rrule.ts';
import {
  LEFT,
  RIGHT,
  wordAfter,
  wordBefore,
  type RecurrenceCandidate,
  type Rule,
} from './candidate.ts';
import { DAY_PARTS } from './time-rules.ts';
import {
  COUNT_PATTERN,
  MONTH_PATTERN,
  ORDINAL_PATTERN,
  WEEKDAY_PATTERN,
  countValue,
  monthIndex,
  ordinalValue,
  weekdayIndex,
} from './vocabulary.ts';

const sticky = (source: string): RegExp => new RegExp(`(?:${source})${RIGHT}`, 'iuy');
const LIST_SEPARATOR = '(?:\\s*(?:,\\s*and|,|and|&|\\+)\\s*|\\s+)';
const NTH_LIST = `(?:${ORDINAL_PATTERN})(?:${LIST_SEPARATOR}(?:the\\s+)?(?:${ORDINAL_PATTERN}))*`;
const WEEKDAY_ITEM = `(?:${WEEKDAY_PATTERN})s?\\.?`;
const WEEKDAY_LIST = `${WEEKDAY_ITEM}(?:${LIST_SEPARATOR}${WEEKDAY_ITEM})*`;
const WEEKDAY_RANGE = `(${WEEKDAY_PATTERN})\\s*(?:-|–|to|through|thru)\\s*(${WEEKDAY_PATTERN})`;
const ORDINAL_DAY = '\\d{1,2}(?:st|nd|rd|th)|last\\s+day';
const ORDINAL_DAY_LIST = `(?:the\\s+)?(?:${ORDINAL_DAY})(?:${LIST_SEPARATOR}(?:the\\s+)?(?:${ORDINAL_DAY}))*`;
const OF_MONTH = '(?:\\s+of\\s+(?:the|each|every)\\s+month)?';

/** A cursor over the masked text: each step either consumes a pattern or leaves the position alone. */
class Reader {
  constructor(
    readonly text: string,
    public pos: number,
  ) {}
  read(pattern: RegExp): RegExpExecArray | null {
    pattern.lastIndex = this.pos;
    const m = pattern.exec(this.text);
    if (m) this.pos = pattern.lastIndex;
    return m;
  }
}

function weekdays(list: string): WeekdayRule[] {
  const range = new RegExp(WEEKDAY_RANGE, 'iu').exec(list);
  if (range) {
    const [from, to] = [weekdayIndex(range[1]), weekdayIndex(range[2])];
    const days: WeekdayRule[] = [];
    for (let d = from; ; d = (d + 1) % 7) {
      days.push({ weekday: d, nth: null });
      if (d === to) break;
    }
    return days;
  }
  const found = list.match(new RegExp(WEEKDAY_PATTERN, 'giu')) ?? [];
  return uniqueBy(
    found.map((w) => ({ weekday: weekdayIndex(w), nth: null })),
    (d) => d.weekday,
  );
}

function monthDays(list: string): number[] {
  const found = list.match(/\d{1,2}(?=st|nd|rd|th)|last\s+day/giu) ?? [];
  return uniqueBy(
    found.map((d) => (/last/i.test(d) ? -1 : Number(d))),
    (d) => d,
  );
}

function uniqueBy<T>(items: T[], key: (item: T) => unknown): T[] {
  const seen = new Set<unknown>();
  return items.filter((item) => !seen.has(key(item)) && seen.add(key(item)));
}

function rule(freq: Frequency, interval = 1, parts: Partial<RecurrenceRule> = {}): RecurrenceRule {
  return { freq, interval, byDay: [], byMonthDay: [], byMonth: [], ...parts };
}

const STEP = {
  other: sticky('\\s+other'),
  count: sticky(`\\s+(${COUNT_PATTERN})(?:nd|rd|th)?(?=\\s+(?:day|week|month|year)s?${RIGHT})`),
  unit: sticky('\\s+(day|week|month|year)s?'),
  weekdaysWord: sticky('\\s+(?:week\\s*days?|work\\s*days?|business\\s+days?)'),
  weekend: sticky('\\s+weekends?'),
  dayPart: sticky('\\s+(morning|afternoon|evening|night)s?'),
  nthWeekday: sticky(`\\s+(?:the\\s+)?(${NTH_LIST})\\s+(${WEEKDAY_PATTERN})${OF_MONTH}`),
  weekdayRange: sticky(`\\s+${WEEKDAY_RANGE}`),
  weekdayList: sticky(`\\s+(${WEEKDAY_LIST})`),
  onWeekdayList: sticky(`\\s+on\\s+(${WEEKDAY_LIST})`),
  ordinalDays: sticky(`\\s+(${ORDINAL_DAY_LIST})${OF_MONTH}`),
  onOrdinalDays: sticky(`\\s+on\\s+(${ORDINAL_DAY_LIST})`),
  onNthWeekday: sticky(`\\s+on\\s+the\\s+(${NTH_LIST})\\s+(${WEEKDAY_PATTERN})`),
  monthDay: sticky(`\\s+(?:on\\s+)?(${MONTH_PATTERN})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?`),
  dayMonth: sticky(
    `\\s+(?:on\\s+)?(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH_PATTERN})`,
  ),
};

/** Optional "on monday", "on the 15th", "on jan 15" after a unit. */
function readQualifier(reader: Reader, base: RecurrenceRule): RecurrenceRule {
  let m: RegExpExecArray | null;
  if (base.freq === 'WEEKLY' && (m = reader.read(STEP.onWeekdayList)))
    return { ...base, byDay: weekdays(m[1]) };
  if (base.freq === 'MONTHLY') {
    if ((m = reader.read(STEP.onNthWeekday))) return withNthWeekday(base, m[1], m[2]) ?? base;
    if ((m = reader.read(STEP.onOrdinalDays))) return { ...base, byMonthDay: monthDays(m[1]) };
  }
  if (base.freq === 'YEARLY') {
    if ((m = reader.read(STEP.monthDay)))
      return withMonthDay(base, monthIndex(m[1]), Number(m[2])) ?? base;
    if ((m = reader.read(STEP.dayMonth)))
      return withMonthDay(base, monthIndex(m[2]), Number(m[1])) ?? base;
  }
  return base;
}

function withNthWeekday(
  base: RecurrenceRule,
  ordinalText: string,
  weekdayText: string,
): RecurrenceRule | null {
  const weekday = weekdayIndex(weekdayText);
  const nths = (ordinalText.match(new RegExp(ORDINAL_PATTERN, 'giu')) ?? []).map(ordinalValue);
  if (!nths.length || nths.some((n) => !(n === -1 || (n >= 1 && n <= 5)))) return null;
  const byDay = uniqueBy(nths, (n) => n).map((nth) => ({ weekday, nth }));
  return { ...base, freq: 'MONTHLY', byDay };
}

function withMonthDay(base: RecurrenceRule, month: number, day: number): RecurrenceRule | null {
  if (day < 1 || day > [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]) return null;
  return { ...base, freq: 'YEARLY', byMonth: [month], byMonthDay: [day] };
}

/** Reads what follows "every"; null when it is not a schedule ("every drawer"). */
function readEvery(reader: Reader): { rule: RecurrenceRule; minutes?: number } | null {
  let interval = 1;
  let m: RegExpExecArray | null;
  if (reader.read(STEP.other)) interval = 2;
  else if ((m = reader.read(STEP.count))) interval = countValue(m[1]);
  if (!Number.isInteger(interval) || interval < 1 || interval > 999) return null;
  if ((m = reader.read(STEP.unit))) {
    const freq = ({ day: 'DAILY', week: 'WEEKLY', month: 'MONTHLY', year: 'YEARLY' } as const)[
      m[1].toLowerCase() as 'day'
    ];
    return { rule: readQualifier(reader, rule(freq, interval)) };
  }
  if (reader.read(STEP.weekdaysWord))
    return { rule: rule('WEEKLY', interval, { byDay: weekdays('mon-fri') }) };
  if (reader.read(STEP.weekend))
    return { rule: rule('WEEKLY', interval, { byDay: weekdays('sat,sun') }) };
  if ((m = reader.read(STEP.dayPart)) && interval === 1) {
    return { rule: rule('DAILY'), minutes: DAY_PARTS[m[1].toLowerCase()] };
  }
  if ((m = reader.read(STEP.nthWeekday))) {
    const nth = withNthWeekday(rule('MONTHLY', interval), m[1], m[2]);
    return nth ? { rule: nth } : null;
  }
  if ((m = reader.read(STEP.weekdayRange)) || (m = reader.read(STEP.weekdayList))) {
    return { rule: rule('WEEKLY', interval, { byDay: weekdays(m[0]) }) };
  }
  if ((m = reader.read(STEP.monthDay)) || (m = reader.read(STEP.dayMonth))) {
    const [month, day] = /^\s*(?:on\s+)?(?:the\s+)?\d/i.test(m[0])
      ? [monthIndex(m[2]), Number(m[1])]
      : [monthIndex(m[1]), Number(m[2])];
    const yearly = withMonthDay(rule('YEARLY', interval), month, day);
    return yearly ? { rule: yearly } : null;
  }
  if ((m = reader.read(STEP.ordinalDays))) {
    const days = monthDays(m[1]);
    return days.every((d) => d <= 31)
      ? { rule: rule('MONTHLY', interval, { byMonthDay: days }) }
      : null;
  }
  return null;
}

export const KEYWORD_RULES: Record<string, RecurrenceRule> = {
  daily: rule('DAILY'),
  everyday: rule('DAILY'),
  weekly: rule('WEEKLY'),
  biweekly: rule('WEEKLY', 2),
  fortnightly: rule('WEEKLY', 2),
  monthly: rule('MONTHLY'),
  yearly: rule('YEARLY'),
  annually: rule('YEARLY'),
};

/** After "weekly"/"monthly" these words keep it an adverb ("pay rent monthly on the 1st"). */
const ADVERB_FOLLOWERS =
  /^(?:at|on|from|starting|until|till|in|with|for|to|and|by|before|after|p[1-4]|noon|midnight|morning|evening)$/i;
const DETERMINERS = /^(?:the|a|an|my|our|your|his|her|their|this|that|its)$/i;

function candidate(
  start: number,
  end: number,
  rule: RecurrenceRule,
  minutes?: number,
): RecurrenceCandidate {
  return { kind: 'recurrence', start, end, rule, ...(minutes === undefined ? {} : { minutes }) };
}

export const recurrenceRules: Rule[] = [
  {
    // "the 1st of every month", "on the 1st and 15th of each month"
    pattern: new RegExp(
      `${LEFT}(?:on\\s+)?(${ORDINAL_DAY_LIST})\\s+of\\s+(?:every|each)\\s+month${RIGHT}`,
      'giu',
    ),
    build: (m) =>
      candidate(
        m.index,
        m.index + m[0].length,
        rule('MONTHLY', 1, { byMonthDay: monthDays(m[1]) }),
      ),
  },
  {
    pattern: new RegExp(`${LEFT}(?:every|each)${RIGHT}`, 'giu'),
    build(m, { text }) {
      const reader = new Reader(text, m.index + m[0].length);
      const read = readEvery(reader);
      return read ? candidate(m.index, reader.pos, read.rule, read.minutes) : null;
    },
  },
  {
    // "weekly", "monthly on the 15th"; as an adjective ("weekly report", "the daily standup") it is title text.
    pattern: new RegExp(
      `${LEFT}(daily|everyday|weekly|bi-?weekly|fortnightly|monthly|yearly|annually)${RIGHT}`,
      'giu',
    ),
    build(m, { text }) {
      const keyword = m[1].toLowerCase().replace('-', '');
      const reader = new Reader(text, m.index + m[0].length);
      const base = readQualifier(reader, KEYWORD_RULES[keyword]);
      const next = wordAfter(text, reader.pos);
      if (DETERMINERS.test(wordBefore(text, m.index))) return null;
      if (
        next &&
        !/^[\s,]*[.;!?\uE000]/u.test(text.slice(reader.pos, reader.pos + 40)) &&
        !ADVERB_FOLLOWERS.test(next)
      ) {
        if (
          !/^[\s,]*\d{1,2}(?::[0-5]\d|\s*[ap]\.?m)/i.test(text.slice(reader.pos, reader.pos + 40))
        )
          return null; // "daily 9am", not "weekly 1:1"
      }
      return candidate(m.index, reader.pos, base);
    },
  },
];

export { formatRRule };
