// The detail's "add reminder" form as data: what was typed becomes a reminder, or the reason it cannot.
import { DATETIME_RE, MAX_REMINDER_BEFORE_MINUTES } from '../../core/task-shape';
import type { Reminder } from '../../core/task';
import { REMINDER_WORDS } from '../messages';

export type ReminderKind = 'at' | 'before';

export function reminderFromInput(
  kind: ReminderKind,
  value: string,
  newId: () => string,
): { reminder: Reminder } | { error: string } {
  if (kind === 'at') {
    // A datetime-local value is the device's wall clock: its instant is this device's.
    const wall = value.slice(0, 16);
    if (!DATETIME_RE.test(wall)) return { error: REMINDER_WORDS.invalidAt };
    const [y, mo, d] = wall.slice(0, 10).split('-').map(Number);
    const [h, mi] = wall.slice(11).split(':').map(Number);
    const at = new Date(y, mo - 1, d, h, mi);
    if (Number.isNaN(at.getTime()) || at.getDate() !== d)
      return { error: REMINDER_WORDS.invalidAt };
    return { reminder: { id: newId(), at: at.toISOString() } };
  }
  const minutes = Number(value);
  if (!/^\d+$/.test(value.trim()) || minutes > MAX_REMINDER_BEFORE_MINUTES)
    return { error: REMINDER_WORDS.invalidBefore };
  return { reminder: { id: newId(), before: minutes } };
}
