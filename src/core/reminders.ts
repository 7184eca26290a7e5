// When a task's reminders fire: the one resolution shared by the server's push job, the page's in-page
// notifications and the service worker. A relative reminder needs a timed due date (local wall clock, no
// zone) and the IANA time zone the device reports; an absolute one is an instant already.
import { DATETIME_RE } from './task-shape';
import type { Reminder, Task } from './task';

/** A reminder as one firing: its instant (ms) and the key that says "this one was delivered". */
export interface ReminderFiring {
  taskId: string;
  reminderId: string;
  at: number;
  key: string;
}

/**
 * One firing of one reminder. A recurring task keeps its reminder ids from one occurrence to the next, so
 * the key carries the instant too: the next occurrence fires again, a retry of the same one never does.
 */
export function firingKey(reminderId: string, at: number): string {
  return `${reminderId}@${new Date(at).toISOString()}`;
}

const MAX_ZONE_LENGTH = 64;
const ZONE_RE = /^[A-Za-z][A-Za-z0-9_+\-/]*$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  const cached = formatters.get(timeZone);
  if (cached) return cached;
  if (timeZone.length > MAX_ZONE_LENGTH || !ZONE_RE.test(timeZone)) return null;
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return null;
  }
  // Only names Intl accepted get here, and there are a few hundred of them: the cache stays small.
  formatters.set(timeZone, formatter);
  return formatter;
}

/** True for a time zone name this runtime knows ("Europe/Berlin", "UTC"). */
export function isTimeZone(value: unknown): value is string {
  return typeof value === 'string' && formatterFor(value) !== null;
}

/** Offset of `timeZone` from UTC at the instant `utcMs`, in ms (east positive). */
function offsetAt(formatter: Intl.DateTimeFormat, utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter.formatToParts(new Date(utcMs))) parts[p.type] = Number(p.value);
  const wall = Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
  );
  return wall - Math.floor(utcMs / 1000) * 1000;
}

/** Wall clock `YYYY-MM-DDTHH:mm` as if it were UTC, in ms. */
function wallAsUtc(wall: string): number {
  const [y, mo, d] = wall.slice(0, 10).split('-').map(Number);
  const [h, mi] = wall.slice(11, 16).split(':').map(Number);
  return Date.UTC(y, mo - 1, d, h, mi);
}

/**
 * The instant of a local wall-clock time in `timeZone`, or null for an unknown zone or a malformed time.
 * In a DST gap (02:30 on a spring-forward night) it answers the instant the clock shows after the jump;
 * in an overlap, the earlier of the two.
 */
export function wallClockToInstant(wall: string, timeZone: string): number | null {
  const formatter = formatterFor(timeZone);
  if (!formatter || !DATETIME_RE.test(wall)) return null;
  const naive = wallAsUtc(wall);
  // The offsets half a day either side cover both sides of any transition near this time.
  const before = naive - offsetAt(formatter, naive - 12 * 3_600_000);
  const after = naive - offsetAt(formatter, naive + 12 * 3_600_000);
  const valid = [before, after].filter((t) => offsetAt(formatter, t) === naive - t);
  return valid.length ? Math.min(...valid) : before;
}

type RemindedTask = Pick<Task, 'id' | 'due' | 'reminders' | 'completedAt' | 'deletedAt'>;

/**
 * Every firing of an open task's reminders, in time order. Relative reminders of a task without a timed
 * due date, or with no known time zone, do not fire (there is no instant to fire at).
 */
export function resolveReminders(task: RemindedTask, timeZone: string | null): ReminderFiring[] {
  if (task.completedAt !== null || task.deletedAt !== null) return [];
  const due =
    task.due !== null && timeZone !== null && DATETIME_RE.test(task.due)
      ? wallClockToInstant(task.due, timeZone)
      : null;
  const firings: ReminderFiring[] = [];
  for (const reminder of task.reminders) {
    const at =
      'at' in reminder
        ? Date.parse(reminder.at)
        : due === null
          ? NaN
          : due - reminder.before * 60_000;
    if (Number.isFinite(at))
      firings.push({
        taskId: task.id,
        reminderId: reminder.id,
        at,
        key: firingKey(reminder.id, at),
      });
  }
  return firings.sort((a, b) => a.at - b.at);
}

/**
 * How late a reminder may still be delivered: a device asleep or a missed cron minute still reminds, a
 * reminder added for a time long past (an import, a task edited after the fact) stays quiet.
 */
export const REMINDER_GRACE_MS = 60 * 60_000;

/** Firings due at `now`: at or before it, and no older than the grace period. */
export function dueFirings(
  tasks: Iterable<RemindedTask>,
  timeZone: string | null,
  now: number,
): ReminderFiring[] {
  const due: ReminderFiring[] = [];
  for (const task of tasks)
    for (const f of resolveReminders(task, timeZone))
      if (f.at <= now && f.at > now - REMINDER_GRACE_MS) due.push(f);
  return due.sort((a, b) => a.at - b.at);
}

/** The earliest firing after `now`, for a page timer; null when nothing is ahead. */
export function nextFiring(
  tasks: Iterable<RemindedTask>,
  timeZone: string | null,
  now: number,
): ReminderFiring | null {
  let next: ReminderFiring | null = null;
  for (const task of tasks)
    for (const f of resolveReminders(task, timeZone))
      if (f.at > now && (next === null || f.at < next.at)) next = f;
  return next;
}

/**
 * A recurring task's reminders for its next occurrence: relative ones follow the due date by themselves;
 * absolute ones move by as much as the due date moved (wall-clock days, so 09:00 stays 09:00 across a
 * DST change only to within the change's hour). Without both due dates nothing moves.
 */
export function carryReminders(
  reminders: readonly Reminder[],
  fromDue: string | null,
  toDue: string | null,
): Reminder[] {
  if (fromDue === null || toDue === null) return [...reminders];
  const wall = (due: string) => wallAsUtc(due.length === 10 ? `${due}T00:00` : due);
  const shift = wall(toDue) - wall(fromDue);
  return reminders.map((r) =>
    'at' in r ? { id: r.id, at: new Date(Date.parse(r.at) + shift).toISOString() } : r,
  );
}

/** Quick add's reminders (no ids yet) as the task's, each with its own id. */
export function withReminderIds(
  drafts: ReadonlyArray<{ at: string } | { before: number }>,
  newId: () => string,
): Reminder[] {
  return drafts.map((d) =>
    'at' in d ? { id: newId(), at: d.at } : { id: newId(), before: d.before },
  );
}

/** The default reminder (a setting) for a new task: only a task with a due time gets one. */
export function defaultReminders(
  due: string | null,
  beforeMinutes: number | null,
  newId: () => string,
): Reminder[] {
  if (beforeMinutes === null || due === null || !DATETIME_RE.test(due)) return [];
  return [{ id: newId(), before: beforeMinutes }];
}
