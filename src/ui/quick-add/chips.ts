// Chip labels and the highlighted segments of the quick-add text (what the parser detected, where).
import type { Chip, QuickAddResult } from '../../core/parse/quick-add';
import { describeLoadedRecurrence } from './parser';
import { formatDue } from '../lib/dates';
import { describeReminder } from '../reminders/reminder-text';

const KIND_NAMES: Record<Chip['kind'], string> = {
  due: 'Due',
  recurrence: 'Repeats',
  priority: 'Priority',
  project: 'Project',
  section: 'Section',
  label: 'Label',
  reminder: 'Reminder',
};

/** What a chip says: the parsed meaning ("Tomorrow 17:00", "every 2 weeks"), not just the typed text. */
export function chipLabel(chip: Chip, parsed: QuickAddResult, today: string): string {
  switch (chip.kind) {
    case 'due':
      return parsed.due ? formatDue(parsed.due, today) : chip.text;
    case 'recurrence':
      return parsed.recurrence ? describeLoadedRecurrence(parsed.recurrence) : chip.text;
    case 'priority':
      return `P${parsed.priority}`;
    case 'reminder': {
      // Chips and reminders are both in text order, so the n-th reminder chip is the n-th reminder.
      const index = parsed.chips.filter((c) => c.kind === 'reminder').indexOf(chip);
      const reminder = parsed.reminders[index];
      return reminder ? describeReminder(reminder, today) : chip.text.trim();
    }
    default:
      return chip.text.trim();
  }
}

export function chipKindName(chip: Chip): string {
  return KIND_NAMES[chip.kind];
}

interface Segment {
  text: string;
  kind: Chip['kind'] | null;
}

/** Splits the text into plain and detected runs, for the highlight layer behind the input. */
export function highlightSegments(text: string, chips: Chip[]): Segment[] {
  const sorted = [...chips].sort((a, b) => a.start - b.start);
  const segments: Segment[] = [];
  let at = 0;
  for (const chip of sorted) {
    if (chip.start < at || chip.end > text.length) continue;
    if (chip.start > at) segments.push({ text: text.slice(at, chip.start), kind: null });
    segments.push({ text: text.slice(chip.start, chip.end), kind: chip.kind });
    at = chip.end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), kind: null });
  return segments;
}

/** The text to put in quick add for a share-target launch (title, text and URL, deduplicated). */
export function sharedText(parts: { title?: string; text?: string; url?: string }): string {
  const seen = new Set<string>();
  return [parts.title, parts.text, parts.url]
    .map((p) => (p ?? '').trim())
    .filter((p) => p && !seen.has(p) && seen.add(p))
    .join(' ');
}
