// Recurring due dates: the next occurrence after completing, and a short description for the UI.

/** Next due after completing: strictly after `due` and not before `today` (keeps the time of day). */
export function nextOccurrence(_rrule: string, due: string | null, today: string): string {
  return due ?? today;
}

/** Human text such as "every 2 weeks" or "every Tue and Thu". */
export function describeRecurrence(rrule: string): string {
  return rrule;
}
