// How sync diagnostics and journal values read in the UI.
const TIME = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

export function formatWhen(iso: string | null): string {
  return iso ? TIME.format(new Date(iso)) : 'Never';
}

/** "3 h 5 min", "40 s": how far another device's clock is ahead. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
}

export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '(none)';
  return String(value);
}

const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  notes: 'Notes',
  due: 'Due',
  priority: 'Priority',
  project: 'Project',
  labels: 'Labels',
  recurrence: 'Repeat',
  completedAt: 'Completed',
  deletedAt: 'Deleted',
  order: 'Position',
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}
