// Recurring due dates (the RRULE subset quick add produces): first and next occurrence, and UI text.
import {
  type DayNumber,
  addMonths,
  daysInMonth,
  formatDue,
  fromDayNumber,
  parseDue,
  toDayNumber,
  weekdayOf,
} from './calendar.ts';
import { WEEKDAY_CODES, byWeekdayThenNth, parseRRule, type RecurrenceRule } from './parse/rrule.ts';

export {
  formatRRule,
  parseRRule,
  type Frequency,
  type RecurrenceRule,
  type WeekdayRule,
} from './parse/rrule.ts';

const WEEKDAY_SHORT = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTH_SHORT = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];
const ORDINAL_WORDS: Record<string, string> = {
  '1': 'first',
  '2': 'second',
  '3': 'third',
  '4': 'fourth',
  '-1': 'last',
};

function hasByParts(rule: RecurrenceRule): boolean {
  return rule.byDay.length > 0 || rule.byMonthDay.length > 0 || rule.byMonth.length > 0;
}

/** Days of one month that match the rule's BYMONTHDAY / ordinal BYDAY (short months clamp to their last day). */
function daysInPeriodMonth(
  rule: RecurrenceRule,
  year: number,
  month: number,
  anchorDay: number,
): DayNumber[] {
  const dim = daysInMonth(year, month);
  const days = new Set<number>();
  for (const d of rule.byMonthDay) days.add(d > 0 ? Math.min(d, dim) : Math.max(1, dim + 1 + d));
  for (const { weekday, nth } of rule.byDay) {
    const first = toDayNumber(year, month, 1);
    const matches: number[] = [];
    for (let day = 1; day <= dim; day++)
      if (weekdayOf(first + day - 1) === weekday) matches.push(day);
    if (nth === null) matches.forEach((d) => days.add(d));
    else {
      const pick = nth > 0 ? matches[nth - 1] : matches[matches.length + nth];
      if (pick !== undefined) days.add(pick);
    }
  }
  if (days.size === 0) days.add(Math.min(anchorDay, dim));
  return [...days].sort((a, b) => a - b).map((d) => toDayNumber(year, month, d));
}

/** The occurrence strictly after `after`; `anchorDay` keeps "the 31st" from drifting after a short month. */
function occurrenceAfter(rule: RecurrenceRule, after: DayNumber, anchorDay: number): DayNumber {
  const { interval } = rule;
  switch (rule.freq) {
    case 'DAILY':
      return after + interval;
    case 'WEEKLY': {
      if (!rule.byDay.length) return after + 7 * interval;
      const wanted = new Set(rule.byDay.map((d) => d.weekday));
      const monday = after - weekdayOf(after);
      for (let day = after + 1; day < monday + 7; day++) if (wanted.has(weekdayOf(day))) return day;
      const nextMonday = monday + 7 * interval;
      for (let day = nextMonday; ; day++) if (wanted.has(weekdayOf(day))) return day;
    }
    case 'MONTHLY': {
      if (!hasByParts(rule)) return addMonths(after, interval, anchorDay);
      const { year, month } = fromDayNumber(after);
      for (let step = 0; ; step += interval) {
        const index = year * 12 + month - 1 + step;
        const days = daysInPeriodMonth(rule, Math.floor(index / 12), (index % 12) + 1, anchorDay);
        const found = days.find((d) => d > after);
        if (found !== undefined) return found;
      }
    }
    case 'YEARLY': {
      const { year, month } = fromDayNumber(after);
      if (!hasByParts(rule)) return addMonths(after, 12 * interval, anchorDay);
      const months = rule.byMonth.length ? [...rule.byMonth].sort((a, b) => a - b) : [month];
      for (let y = year; ; y += interval) {
        for (const m of months) {
          const found = daysInPeriodMonth(rule, y, m, anchorDay).find((d) => d > after);
          if (found !== undefined) return found;
        }
      }
    }
  }
}

/** First occurrence on or after `start` (the due date quick add gives a new recurring task). */
export function firstOccurrence(rule: RecurrenceRule, start: DayNumber): DayNumber {
  if (!hasByParts(rule)) return start;
  // The interval counts from the first occurrence, so it must not skip the first matching day.
  return occurrenceAfter({ ...rule, interval: 1 }, start - 1, fromDayNumber(start).day);
}

/** Only FREQ and INTERVAL of an RRULE. */
function basicParts(rrule: string): string {
  return rrule
    .replace(/^RRULE:/i, '')
    .split(';')
    .filter((part) => /^(?:FREQ|INTERVAL)=/i.test(part))
    .join(';');
}

/**
 * Next due after completing a recurring task: strictly after the current due and not before `today`,
 * keeping the time of day. With no due, the first occurrence after today.
 * Parts it cannot read (an imported "BYDAY=XX") fall back to FREQ and INTERVAL alone, so completing never
 * fails on a rule the task schema accepted; a RangeError only for a FREQ outside DAILY..YEARLY.
 */
export function nextOccurrence(rrule: string, due: string | null, today: string): string {
  const rule = parseRRule(rrule) ?? parseRRule(basicParts(rrule));
  if (!rule) throw new RangeError(`Unsupported recurrence: ${rrule}`);
  const todayParsed = parseDue(today);
  if (!todayParsed) throw new RangeError(`Not a date: ${today}`);
  const current = due === null ? null : parseDue(due);
  if (due !== null && !current) throw new RangeError(`Not a due date: ${due}`);
  if (!current) return formatDue(firstOccurrence(rule, todayParsed.day + 1), null);
  const anchorDay = fromDayNumber(current.day).day;
  let next = occurrenceAfter(rule, current.day, anchorDay);
  // Bounded: even a daily rule years overdue catches up in a few thousand steps.
  for (let guard = 0; next < todayParsed.day && guard < 100_000; guard++) {
    next = occurrenceAfter(rule, next, anchorDay);
  }
  return formatDue(next, current.minutes);
}

function joinWords(words: string[]): string {
  return words.length <= 1
    ? words.join('')
    : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function ordinal(n: number): string {
  if (n === -1) return 'last day';
  const suffix =
    n % 10 === 1 && n !== 11
      ? 'st'
      : n % 10 === 2 && n !== 12
        ? 'nd'
        : n % 10 === 3 && n !== 13
          ? 'rd'
          : 'th';
  return `${n}${suffix}`;
}

function every(interval: number, unit: string): string {
  return interval > 1 ? `every ${interval} ${unit}s` : `every ${unit}`;
}

/** Short English for the UI: "every 2 weeks", "every Tue and Thu", "every month on the 15th". */
export function describeRecurrence(rrule: string): string {
  const rule = parseRRule(rrule);
  if (!rule) return rrule;
  const days = [...rule.byDay].sort(byWeekdayThenNth);
  const dayNames = days.map((d) =>
    d.nth === null
      ? WEEKDAY_SHORT[d.weekday]
      : `${ORDINAL_WORDS[String(d.nth)] ?? ordinal(d.nth)} ${WEEKDAY_SHORT[d.weekday]}`,
  );
  const monthDays = [...rule.byMonthDay]
    .sort((a, b) => (a < 0 ? 100 : a) - (b < 0 ? 100 : b))
    .map(ordinal);
  switch (rule.freq) {
    case 'DAILY':
      return every(rule.interval, 'day');
    case 'WEEKLY': {
      const codes = days.map((d) => WEEKDAY_CODES[d.weekday]).join(',');
      if (rule.interval === 1 && codes === 'MO,TU,WE,TH,FR') return 'every weekday';
      if (rule.interval === 1 && codes === 'SA,SU') return 'every weekend';
      if (!days.length) return every(rule.interval, 'week');
      if (rule.interval === 1) return `every ${joinWords(dayNames)}`;
      return `${every(rule.interval, 'week')} on ${joinWords(dayNames)}`;
    }
    case 'MONTHLY': {
      const on = [...monthDays, ...dayNames];
      if (!on.length) return every(rule.interval, 'month');
      return `${every(rule.interval, 'month')} on the ${joinWords(on)}`;
    }
    case 'YEARLY': {
      if (!rule.byMonth.length) return every(rule.interval, 'year');
      const months = rule.byMonth.map((m) => MONTH_SHORT[m - 1]);
      const dates = rule.byMonthDay.length
        ? months.flatMap((m) => rule.byMonthDay.map((d) => `${m} ${d}`))
        : months.map((m) => `in ${m}`);
      return `${every(rule.interval, 'year')} on ${joinWords(dates)}`.replace(' on in ', ' in ');
    }
  }
}
