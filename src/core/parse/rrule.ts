// RRULE text <-> rule object for the subset quick add writes (FREQ, INTERVAL, BYDAY, BYMONTHDAY, BYMONTH),
// with one canonical spelling so equal rules compare equal as strings.

export type Frequency = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';

/** A weekday (0 = Monday) with an optional ordinal inside the month (1 = first, -1 = last). */
export interface WeekdayRule {
  weekday: number;
  nth: number | null;
}

export interface RecurrenceRule {
  freq: Frequency;
  interval: number;
  byDay: WeekdayRule[];
  byMonthDay: number[];
  byMonth: number[];
}

export const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/** Parses the supported RRULE subset; null when it is not one (unknown parts such as WKST are ignored). */
export function parseRRule(rrule: string): RecurrenceRule | null {
  const parts = new Map<string, string>();
  for (const part of rrule.replace(/^RRULE:/i, '').split(';')) {
    const [key, value] = part.split('=');
    if (key && value !== undefined) parts.set(key.toUpperCase(), value.toUpperCase());
  }
  const freq = parts.get('FREQ');
  if (freq !== 'DAILY' && freq !== 'WEEKLY' && freq !== 'MONTHLY' && freq !== 'YEARLY') return null;
  const interval = Number(parts.get('INTERVAL') ?? '1');
  if (!Number.isInteger(interval) || interval < 1) return null;
  const byDay: WeekdayRule[] = [];
  for (const code of splitList(parts.get('BYDAY'))) {
    const m = /^([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)$/.exec(code);
    if (!m) return null;
    byDay.push({
      weekday: WEEKDAY_CODES.indexOf(m[2] as (typeof WEEKDAY_CODES)[number]),
      nth: m[1] ? Number(m[1]) : null,
    });
  }
  const byMonthDay = splitList(parts.get('BYMONTHDAY')).map(Number);
  const byMonth = splitList(parts.get('BYMONTH')).map(Number);
  if (byMonthDay.some((d) => !Number.isInteger(d) || d === 0 || d < -31 || d > 31)) return null;
  if (byMonth.some((m) => !Number.isInteger(m) || m < 1 || m > 12)) return null;
  return { freq, interval, byDay, byMonthDay, byMonth };
}

function splitList(value: string | undefined): string[] {
  return value ? value.split(',').filter(Boolean) : [];
}

const nthOrder = (nth: number | null): number => (nth === null ? 0 : nth < 0 ? 10 - nth : nth);
export const byWeekdayThenNth = (a: WeekdayRule, b: WeekdayRule): number =>
  a.weekday - b.weekday || nthOrder(a.nth) - nthOrder(b.nth);

/** Canonical text: FREQ, INTERVAL (only if > 1), BYMONTH, then BYDAY (week order) or BYMONTHDAY. */
export function formatRRule(rule: RecurrenceRule): string {
  const parts = [`FREQ=${rule.freq}`];
  if (rule.interval > 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.byMonth.length)
    parts.push(`BYMONTH=${[...rule.byMonth].sort((a, b) => a - b).join(',')}`);
  if (rule.byDay.length) {
    const days = [...rule.byDay].sort(byWeekdayThenNth);
    parts.push(`BYDAY=${days.map((d) => `${d.nth ?? ''}${WEEKDAY_CODES[d.weekday]}`).join(',')}`);
  }
  if (rule.byMonthDay.length) {
    const days = [...rule.byMonthDay].sort((a, b) => (a < 0 ? 100 + a : a) - (b < 0 ? 100 + b : b));
    parts.push(`BYMONTHDAY=${days.join(',')}`);
  }
  return parts.join(';');
}
