// The short labels rows show for due dates ("Today", "Tomorrow 17:00", "Mon 30 Nov"); the arithmetic
// lives in src/core/calendar.ts.
import { daysBetween, localDay, localMinute } from '../../core/calendar';

/** A local Date at midnight of a YYYY-MM-DD day. */
function dayToDate(day: string): Date {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number);
  return new Date(y, m - 1, d);
}

/** Overdue: an all-day task before today, or a timed task before now. */
export function isOverdue(due: string | null, now: Date): boolean {
  if (!due) return false;
  return due.length > 10 ? due < localMinute(now) : due < localDay(now);
}

/**
 * Formatters in the user's locale (the browser's, `undefined`), or the one a test names. Built once per
 * locale and options: a list of 10,000 rows formats its dates with a handful of them.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string | undefined, options: Intl.DateTimeFormatOptions) {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, found);
  }
  return found;
}

const WEEKDAY: Intl.DateTimeFormatOptions = { weekday: 'short' };
const WEEKDAY_LONG: Intl.DateTimeFormatOptions = { weekday: 'long' };
const DAY_MONTH: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short' };
const DAY_MONTH_YEAR: Intl.DateTimeFormatOptions = { ...DAY_MONTH, year: 'numeric' };
const WEEKDAY_DAY_MONTH: Intl.DateTimeFormatOptions = { ...WEEKDAY, ...DAY_MONTH };
const TIME: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };
const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };

/** "Today", "Tomorrow", "Yesterday", "Friday" (this week), "3 Dec", "3 Dec 2027" (in the locale's order). */
function formatDay(day: string, today: string, locale?: string): string {
  const diff = daysBetween(today, day);
  if (diff === 0) return 'Today';
  if (diff === 1) return 'Tomorrow';
  if (diff === -1) return 'Yesterday';
  const date = dayToDate(day);
  if (diff > 1 && diff < 7) return formatter(locale, WEEKDAY_LONG).format(date);
  if (day.slice(0, 4) === today.slice(0, 4)) return formatter(locale, DAY_MONTH).format(date);
  return formatter(locale, DAY_MONTH_YEAR).format(date);
}

/** A due's time of day, `HH:mm` in, the locale's way out ("17:00", "5:00 PM"). */
export function formatTime(due: string, locale?: string): string {
  const [h, m] = due.slice(11, 16).split(':').map(Number);
  const date = dayToDate(due);
  date.setHours(h, m);
  return formatter(locale, TIME).format(date);
}

/** The due label of a row: the day plus the time when there is one. */
export function formatDue(due: string, today: string, locale?: string): string {
  const day = formatDay(due.slice(0, 10), today, locale);
  return due.length > 10 ? `${day} ${formatTime(due, locale)}` : day;
}

/** Heading of a day group in Upcoming: "Tomorrow · Fri 27 Nov", "Tue 1 Dec". */
export function formatDayHeading(day: string, today: string, locale?: string): string {
  const full = formatter(locale, WEEKDAY_DAY_MONTH).format(dayToDate(day));
  const diff = daysBetween(today, day);
  return Math.abs(diff) <= 1 ? `${formatDay(day, today, locale)} · ${full}` : full;
}

/** The time of day of a moment (ISO): "09:05", "9:05 AM". */
export function formatMomentTime(iso: string, locale?: string): string {
  return formatter(locale, TIME).format(new Date(iso));
}

/** A moment (ISO) as date and time: "2 Dec 2026, 09:14", "Dec 2, 2026, 9:14 AM". */
export function formatDateTime(iso: string, locale?: string): string {
  return formatter(locale, DATE_TIME).format(new Date(iso));
}
