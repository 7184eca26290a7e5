// Rules-based quick-add parser (Todoist-compatible syntax): markers first, then dates, times and
// recurrences found by small rules over the remaining text, resolved against the caller's `now`.
import { firstOccurrence, formatRRule } from '../recurrence.ts';
import { formatDue, toDayNumber } from './calendar.ts';
import {
  runRules,
  wordBefore,
  type Candidate,
  type Context,
  type DateCandidate,
  type RecurrenceCandidate,
  type TimeCandidate,
} from './candidate.ts';
import { dateRules } from './date-rules.ts';
import { findMarkers, type Marker } from './markers.ts';
import { recurrenceRules } from './recurrence-rules.ts';
import { timeRules } from './time-rules.ts';
import { buildTitle, type Range } from './title.ts';
import type { Chip, ChipKind, ParseOptions, QuickAddResult } from './types.ts';
import { DATE_CONNECTORS } from './vocabulary.ts';

export type { Chip, ChipKind, ParseOptions, QuickAddResult } from './types.ts';

const ALL_RULES = [...recurrenceRules, ...dateRules, ...timeRules];
const MASK = '\uE000';
/** What may sit between two parts of one date expression: "tomorrow at 5pm", "Friday, Dec 4". */
const JOINER = /^[\s,]*(?:(?:at|@|on|the|in\s+the|and|or|&)\s+)?$/iu;

type Blocked = Map<ChipKind, Range[]>;

const overlaps = (a: Range, b: Range): boolean => a.start < b.end && b.start < a.end;
const isBlocked = (kind: ChipKind, r: Range, blocked: Blocked): boolean =>
  (blocked.get(kind) ?? []).some((b) => overlaps(b, r));

/** Longest first, so "every monday" wins over "monday"; weak parts survive only beside strong ones. */
function selectCandidates(candidates: Candidate[], text: string): Candidate[] {
  const sorted = [...candidates].sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) ||
      Number(a.weak ?? false) - Number(b.weak ?? false) ||
      a.start - b.start,
  );
  const taken = new Uint8Array(text.length);
  const chosen: Candidate[] = [];
  for (const c of sorted) {
    if (taken.subarray(c.start, c.end).includes(1)) continue;
    taken.fill(1, c.start, c.end);
    chosen.push(c);
  }
  chosen.sort((a, b) => a.start - b.start);
  // Chosen parts do not overlap, so a weak part can only lean on its neighbours: one pass each way.
  const accepted = chosen.map((c) => !c.weak);
  // A part of the day qualifies a date written before it ("saturday night", not "movie night saturday").
  const leansOn = (c: Candidate, neighbour: Candidate): boolean =>
    adjacent(neighbour, c, text) && !(c.kind === 'time' && c.dayPart && neighbour.start > c.start);
  for (let i = 1; i < chosen.length; i++) {
    if (!accepted[i] && accepted[i - 1] && leansOn(chosen[i], chosen[i - 1])) accepted[i] = true;
  }
  for (let i = chosen.length - 2; i >= 0; i--) {
    if (!accepted[i] && accepted[i + 1] && leansOn(chosen[i], chosen[i + 1])) accepted[i] = true;
  }
  for (let i = 1; i < chosen.length; i++) {
    if (!accepted[i] && accepted[i - 1] && leansOn(chosen[i], chosen[i - 1])) accepted[i] = true;
  }
  return chosen.filter((_, i) => accepted[i]);
}

function adjacent(a: Range, b: Range, text: string): boolean {
  const [first, second] = a.start < b.start ? [a, b] : [b, a];
  return first.end <= second.start && JOINER.test(text.slice(first.end, second.start));
}

/** Grows a due chip over the words that introduce it ("due on Friday", "by 5pm"). */
function withConnectors(range: Range, text: string): Range {
  let start = range.start;
  for (;;) {
    const m = /([\p{L}]+)\s+$/u.exec(text.slice(Math.max(0, start - 20), start));
    const word = m ? m[1].toLowerCase() : '';
    const wordStart = start - (m ? m[0].length : 0);
    const isConnector =
      DATE_CONNECTORS.has(word) &&
      !(wordStart > 0 && /[\p{L}\p{N}]/u.test(text[wordStart - 1])) &&
      // "Book table for tomorrow" drops "for"; "Buy tickets for May 12 concert" keeps it.
      !(word === 'for' && !/^[\s\uE000.,;!?]*$/u.test(text.slice(range.end)));
    if (!isConnector) return { start, end: range.end };
    start = wordStart;
  }
}

/** Groups chosen parts into chips: adjacent date and time parts make one "due" chip. */
function groupDue(parts: Array<DateCandidate | TimeCandidate>, text: string): Range[] {
  const groups: Range[] = [];
  for (const p of [...parts].sort((a, b) => a.start - b.start)) {
    const last = groups[groups.length - 1];
    if (last && adjacent(last, p, text)) last.end = p.end;
    else groups.push({ start: p.start, end: p.end });
  }
  return groups.map((g) => withConnectors(g, text));
}

interface Detection {
  result: QuickAddResult;
}

function detect(text: string, now: Date, blocked: Blocked): Detection {
  const markers = findMarkers(text);
  const chars = text.split('');
  for (const m of markers) chars.fill(MASK, m.start, m.end);
  const masked = chars.join('');
  const today = toDayNumber(now.getFullYear(), now.getMonth() + 1, now.getDate());
  const context: Context = {
    text: masked,
    today,
    nowMinutes: now.getHours() * 60 + now.getMinutes(),
  };

  // Dismissed date text is title text: nothing inside it ("monday" in "every monday") is read again.
  const candidates = runRules(ALL_RULES, context).filter(
    (c) => !isBlocked('due', c, blocked) && !isBlocked('recurrence', c, blocked),
  );
  let selected = selectCandidates(candidates, masked);
  const recurrence = selected.find((c): c is RecurrenceCandidate => c.kind === 'recurrence');
  // "every day until Dec 31": the end of a series is not its start; it stays in the title.
  if (recurrence) {
    selected = selected.filter(
      (c) =>
        c.kind !== 'date' || !/^(?:until|till|through|thru)$/i.test(wordBefore(masked, c.start)),
    );
  }
  const firstDate = selected.find((c): c is DateCandidate => c.kind === 'date');
  const times = selected.filter((c): c is TimeCandidate => c.kind === 'time');
  const clock = times.find((t) => !t.dayPart);
  const dayPart = times.find((t) => t.dayPart);
  // Dates next to the first one restate it ("Friday, Dec 4"): the explicit calendar date wins.
  const dateGroup: DateCandidate[] = [];
  if (firstDate) {
    dateGroup.push(firstDate);
    for (const c of selected) {
      if (c.kind !== 'date' || c.start <= firstDate.start) continue;
      if (!adjacent(dateGroup[dateGroup.length - 1], c, masked)) break;
      dateGroup.push(c);
    }
  }
  const date = dateGroup.find((d) => d.explicit) ?? firstDate;

  let minutes = clock?.minutes ?? dayPart?.minutes ?? date?.minutes ?? recurrence?.minutes ?? null;
  if (clock?.ambiguous && clock.literalMinutes !== undefined) {
    // "every morning at 6:30" is 06:30, "tonight at 8" is 20:00.
    const evening = dateGroup.some((d) => d.evening) ? 1140 : undefined;
    const hint = dayPart?.minutes ?? recurrence?.minutes ?? evening ?? date?.minutes;
    if (hint !== undefined)
      minutes = hint < 720 ? clock.literalMinutes : (clock.literalMinutes % 720) + 720;
  }

  let due: string | null = null;
  if (recurrence) {
    let day = firstOccurrence(recurrence.rule, date?.day ?? today);
    if (!date && day === today && minutes !== null && minutes < context.nowMinutes) {
      day = firstOccurrence(recurrence.rule, today + 1);
    }
    due = formatDue(day, minutes);
  } else if (date) {
    due = formatDue(date.day, minutes);
  } else if (minutes !== null) {
    // A time that already passed today means its next occurrence, tomorrow.
    due = formatDue(minutes >= context.nowMinutes ? today : today + 1, minutes);
  }

  const chips: Chip[] = [];
  const chip = (kind: ChipKind, r: Range): void => {
    chips.push({ kind, start: r.start, end: r.end, text: text.slice(r.start, r.end) });
  };
  if (recurrence) chip('recurrence', recurrence);
  for (const g of groupDue(
    [...dateGroup, ...(clock ? [clock] : []), ...(dayPart ? [dayPart] : [])],
    masked,
  ))
    chip('due', g);

  const usable = markers.filter((m) => !isBlocked(m.kind, m, blocked));
  const firstOf = (kind: Marker['kind']): Marker | undefined => usable.find((m) => m.kind === kind);
  const priorityMarker = firstOf('priority');
  const projectMarker = firstOf('project');
  const labelMarkers = usable.filter((m) => m.kind === 'label');
  for (const m of [priorityMarker, projectMarker, ...labelMarkers]) if (m) chip(m.kind, m);
  chips.sort((a, b) => a.start - b.start);

  const labels = [...new Set(labelMarkers.map((m) => m.value))];
  let title = buildTitle(text, chips);
  if (!title) title = text.replace(/\s+/g, ' ').trim();
  return {
    result: {
      title,
      due,
      priority: priorityMarker ? (Number(priorityMarker.value) as 1 | 2 | 3 | 4) : 4,
      project: projectMarker?.value ?? null,
      labels,
      recurrence: recurrence ? formatRRule(recurrence.rule) : null,
      chips,
    },
  };
}

const sameText = (a: string, b: string): boolean =>
  a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

export function parseQuickAdd(text: string, options: ParseOptions): QuickAddResult {
  const blocked: Blocked = new Map();
  const dismissed = options.dismissed ?? [];
  // A dismissed chip blocks its span; parsing again may find a shorter part elsewhere, which is checked too.
  for (let round = 0; ; round++) {
    const { result } = detect(text, options.now, blocked);
    const hits = result.chips.filter((c) =>
      dismissed.some((d) => d.kind === c.kind && sameText(d.text, c.text)),
    );
    if (hits.length === 0 || round >= 8) return result;
    for (const c of hits) blocked.set(c.kind, [...(blocked.get(c.kind) ?? []), c]);
  }
}
