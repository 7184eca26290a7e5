// What a reminder says in the page: "30 min before", or its time the way due dates read ("Tomorrow 09:00").
import { localMinute } from '../../core/calendar';
import { formatDue } from '../lib/dates';
import { describeReminderOffset } from '../messages';

export function describeReminder(
  reminder: { at: string } | { before: number },
  today: string,
): string {
  return 'before' in reminder
    ? describeReminderOffset(reminder.before)
    : formatDue(localMinute(new Date(reminder.at)), today);
}
