// The short labels rows show for due dates ("Today", "Tomorrow 17:00", "Mon 30 Nov"); the arithmetic
// lives in src/core/calendar.ts.
import { daysBetween, localDay, localMinute } from '../../core/calendar';

/** A local Date at midnight of a YYYY-MM-DD day. */
export function dayToDate(day: string): Date {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number);
  return new Date(y, m - 1, d);
}

/** Overdue: an all-day task before today, or a timed task before now. */
export function isOverdue(due: string | null, now: Date): boolean {
  if (!due) return false;
  return due.length > 10 ? due < localMinute(now) : due < localDay(now);
}

const WEEKDAY = new Intl.DateTimeFormat('en', { weekday: 'short' });
const WEEKDAY_LONG = new Intl.DateTimeFormat('en', { weekday: 'long' });
const DAY_MONTH = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });
const DAY_MONTH_YEAR = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

/** "Today", "Tomorrow", "Yesterday", "Friday" (this week), "3 Dec", "3 Dec 2027". */
export function formatDay(day: string, today: string): string {
  const diff = daysBetween(today, day);
  if (diff === 0) return 'Today';
  if (diff === 1) return 'Tomorrow';
  if (diff === -1) return 'Yesterday';
  const date = dayToDate(day);
  if (diff > 1 && diff < 7) return WEEKDAY_LONG.format(date);
  if (day.slice(0, 4) === today.slice(0, 4)) return DAY_MONTH.format(date);
  return DAY_MONTH_YEAR.format(date);
}

/** The due label of a row: the day plus the time when there is one. */
export function formatDue(due: string, today: string): string {
  const day = formatDay(due.slice(0, 10), today);
  return due.length > 10 ? `${day} ${due.slice(11, 16)}` : day;
}

/** Heading of a day group in Upcoming: "Tomorrow · Fri 27 Nov", "Tue 1 Dec". */
export function formatDayHeading(day: string, today: string): string {
  const date = dayToDate(day);
  const full = `${WEEKDAY.format(date)} ${DAY_MONTH.format(date)}`;
  const diff = daysBetween(today, day);
  return Math.abs(diff) <= 1 ? `${formatDay(day, today)} · ${full}` : full;
}
