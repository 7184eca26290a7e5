// Todoist's reminder syntax: `!` then either an offset before the due time ("!30 min before", "!1h
// before") or a time of its own ("!2pm", "!tomorrow 9am"), read by the same date and time rules as the
// due date. A bare time ("!2pm") falls on the due date's day when the task has one.
import {
  COUNT_PATTERN,
  REMINDER_UNIT_PATTERN,
  countValue,
  reminderUnitMinutes,
} from './vocabulary.ts';
import type { Range } from './title.ts';

/** A reminder as quick add finds it: quick add has no ids, the store gives each one its own. */
export type ReminderDraft = { at: string } | { before: number };

interface ReminderSpan extends Range {
  /** Minutes before the due time, or the reminder's own wall-clock time `YYYY-MM-DDTHH:mm`. */
  before?: number;
  wall?: string;
  /** Only a clock time ("!2pm"): on the due date's day when there is one. */
  timeOnly?: boolean;
}

/** Reads the date-and-time text after a `!`: its local due (null when it is not a timed date) and the ranges it used. */
type ReadWhen = (text: string) => { due: string | null; used: Range[] };

const BANG = /(?<=^|[\s(])!(?!!)(?=\S)/gu;
const RELATIVE = new RegExp(
  `^(${COUNT_PATTERN})\\s*(${REMINDER_UNIT_PATTERN})\\s+(?:before|earlier|prior)\\b`,
  'iu',
);
const TIME_ONLY =
  /^(?:at\s+)?(?:\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?|noon|midday|midnight)$/iu;
/** Words a reminder's own time ends before: another marker, another reminder. */
const STOP = /^(?:[#@!]|p[1-4]$)/iu;
const FILLER = /\b(?:at|on)\b|[\s,]/giu;
const MAX_WORDS = 4;

export function findReminderSpans(text: string, readWhen: ReadWhen): ReminderSpan[] {
  const spans: ReminderSpan[] = [];
  for (const bang of text.matchAll(BANG)) {
    const from = bang.index + 1;
    const rest = text.slice(from);
    const relative = RELATIVE.exec(rest);
    if (relative) {
      const minutes = countValue(relative[1]) * reminderUnitMinutes(relative[2]);
      if (Number.isFinite(minutes))
        spans.push({ start: bang.index, end: from + relative[0].length, before: minutes });
      continue;
    }
    const words = [...rest.matchAll(/\S+/gu)];
    let count = 0;
    while (count < Math.min(MAX_WORDS, words.length) && !STOP.test(words[count][0])) count++;
    for (let n = count; n > 0; n--) {
      const end = words[n - 1].index + words[n - 1][0].length;
      const body = rest.slice(0, end).replace(/[.,;]+$/u, '');
      const { due, used } = readWhen(body);
      if (due === null || due.length !== 16 || !coversAll(body, used)) continue;
      spans.push({
        start: bang.index,
        end: from + body.length,
        wall: due,
        timeOnly: TIME_ONLY.test(body.trim()),
      });
      break;
    }
  }
  return spans;
}

/** True when the ranges leave nothing of `text` but spaces, commas and "at"/"on". */
function coversAll(text: string, used: readonly Range[]): boolean {
  const chars = text.split('');
  for (const r of used) chars.fill(' ', r.start, r.end);
  return chars.join('').replace(FILLER, '') === '';
}

/** The drafts for the spans, a bare time put on the due date's day (`due` local, possibly all-day). */
export function toReminderDrafts(
  spans: readonly ReminderSpan[],
  due: string | null,
): ReminderDraft[] {
  return spans.map((span) => {
    if (span.before !== undefined) return { before: span.before };
    const wall =
      span.timeOnly && due !== null ? `${due.slice(0, 10)}${span.wall!.slice(10)}` : span.wall!;
    return { at: localWallToIso(wall) };
  });
}

/** The parser reads in the local time of its process or browser, so the instant is that zone's. */
function localWallToIso(wall: string): string {
  const [y, mo, d] = wall.slice(0, 10).split('-').map(Number);
  const [h, mi] = wall.slice(11, 16).split(':').map(Number);
  return new Date(y, mo - 1, d, h, mi).toISOString();
}
