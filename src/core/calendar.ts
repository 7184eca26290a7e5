// Calendar arithmetic for due dates, which are local wall-clock strings (`YYYY-MM-DD` or
// `YYYY-MM-DDTHH:mm`) and never pass through UTC: civil (zone-free) day numbers, so nothing depends
// on the process time zone or DST, and the local day and minute of a moment.

/** Days since 1970-01-01 of a proleptic Gregorian date. */
export type DayNumber = number;

const MS_PER_DAY = 86_400_000;

export function toDayNumber(year: number, month: number, day: number): DayNumber {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function fromDayNumber(n: DayNumber): { year: number; month: number; day: number } {
  const d = new Date(n * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Monday .. 6 = Sunday (ISO order, the order BYDAY is written in). */
export function weekdayOf(n: DayNumber): number {
  // 1970-01-01 was a Thursday (index 3).
  return (((n + 3) % 7) + 7) % 7;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isValidDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Same day of month `count` months later, clamped to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(n: DayNumber, count: number, dayOfMonth?: number): DayNumber {
  const { year, month, day } = fromDayNumber(n);
  const index = year * 12 + (month - 1) + count;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return toDayNumber(y, m, Math.min(dayOfMonth ?? day, daysInMonth(y, m)));
}

export function formatDay(n: DayNumber): string {
  const { year, month, day } = fromDayNumber(n);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm` from a day and optional minutes after midnight. */
export function formatDue(n: DayNumber, minutes: number | null): string {
  if (minutes === null) return formatDay(n);
  return `${formatDay(n)}T${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/** Parses `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm`; null when malformed. */
export function parseDue(due: string): { day: DayNumber; minutes: number | null } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(due);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isValidDate(year, month, day)) return null;
  const minutes = m[4] === undefined ? null : Number(m[4]) * 60 + Number(m[5]);
  return { day: toDayNumber(year, month, day), minutes };
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** The local calendar day of a moment, `YYYY-MM-DD`. */
export function localDay(date: Date): string {
  return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
}

/** `YYYY-MM-DDTHH:mm` of a moment in the local time zone. */
export function localMinute(date: Date): string {
  return `${localDay(date)}T${pad2(date.getHours())}:${pad2(date.getMinutes())}`;
}

/** The day part of a due value (`YYYY-MM-DD` or `YYYY-MM-DDTHH:mm`). */
export function dueDay(due: string): string {
  return due.slice(0, 10);
}

function dayNumberOf(day: string): DayNumber {
  const [y, m, d] = dueDay(day).split('-').map(Number);
  return toDayNumber(y, m, d);
}

/** `YYYY-MM-DD` plus n days. */
export function addDays(day: string, n: number): string {
  return formatDay(dayNumberOf(day) + n);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return dayNumberOf(to) - dayNumberOf(from);
}

const WEEKDAY_NAMES = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
];

/** The weekday of a local `YYYY-MM-DD...` string, computed without the host's time zone. */
export function weekdayName(localDateTime: string): string {
  return WEEKDAY_NAMES[weekdayOf(dayNumberOf(localDateTime))];
}
