// How sync diagnostics and journal values read in the UI: as the rest of the UI shows them ("P1",
// "Tomorrow 17:00", "@home @errands"), never the stored form ("1", "2026-11-27T17:00").
import { describeRecurrence } from '../../core/recurrence';
import { localDay } from '../../core/calendar';
import { formatDateTime, formatDue } from '../lib/dates';

/** A moment in the user's locale, or "Never". */
export function formatWhen(iso: string | null): string {
  return iso ? formatDateTime(iso) : 'Never';
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

/** A field's value as the task's row and detail show it; `today` is the local day `YYYY-MM-DD`. */
export function formatValue(value: unknown, field?: string, today = localDay(new Date())): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (Array.isArray(value)) {
    if (!value.length) return '(none)';
    return field === 'labels' ? value.map((l) => `@${String(l)}`).join(' ') : value.join(', ');
  }
  if (typeof value === 'string') {
    if (field === 'due') return formatDue(value, today);
    if (field === 'completedAt' || field === 'deletedAt') return formatDateTime(value);
    if (field === 'recurrence') return describeRecurrence(value);
    if (field === 'project') return `#${value}`;
  }
  if (field === 'priority') return `P${String(value)}`;
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
