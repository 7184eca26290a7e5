// Rules-based quick-add parser (Todoist-compatible syntax): markers first, then dates, times and
// recurrences found by small rules over the remaining text, resolved against the caller's `now`.
import { firstOccurrence, formatRRule } from '../recurrence.ts';
import { formatDue, toDayNumber } from '../calendar.ts';
import {
  runRules,
  wordBefore,
  type Context,
  type DateCandidate,
  type RecurrenceCandidate,
  type TimeCandidate,
} from './candidate.ts';
import { calendarDateRules } from './calendar-date-rules.ts';
import { relativeDateRules } from './relative-date-rules.ts';
import { findMarkers, type Marker } from './markers.ts';
import { recurrenceRules } from './recurrence-rules.ts';
import { findReminderSpans, toReminderDrafts } from './reminder-rules.ts';
import { timeRules } from './time-rules.ts';
import { buildTitle, type Range } from './title.ts';
import type { Chip, ChipKind, ParseOptions, QuickAddResult } from './types.ts';
import { adjacent, groupDue, overlaps, selectCandidates } from './select.ts';

export type { Chip, ChipKind, ParseOptions, QuickAddResult } from './types.ts';
export type { ReminderDraft } from './reminder-rules.ts';
export type { KnownNames } from './known-names.ts';

const ALL_RULES = [...recurrenceRules, ...relativeDateRules, ...calendarDateRules, ...timeRules];
const MASK = '\uE000';
const PROTECTED = /"[^"\n]{1,200}"|“[^”\n]{1,200}”|\b(?:https?:\/\/|www\.)\S+/giu;
type Blocked = Map<ChipKind, Range[]>;

const isBlocked = (kind: ChipKind, r: Range, blocked: Blocked): boolean =>
  (blocked.get(kind) ?? []).some((b) => overlaps(b, r));

/** What a bare hour means can show in the task itself: "Dinner at 7" is 19:00, "Breakfast at 6" 06:00. */
const EVENING_THINGS =
  /\b(?:dinner|supper|drinks|party|movie|concert|show|theat(?:er|re)|pub|bar|date night|game night)\b/i;
const MORNING_THINGS = /\b(?:breakfast|brunch|wake up|alarm|sunrise)\b/i;

function timeOfDayHint(text: string): number | undefined {
  if (EVENING_THINGS.test(text)) return 1140;
  if (MORNING_THINGS.test(text)) return 540;
  return undefined;
}

/** The parts of one date expression, as chosen from the candidates. */
interface DateExpression {
  recurrence?: RecurrenceCandidate;
  dateGroup: DateCandidate[];
  date?: DateCandidate;
  clock?: TimeCandidate;
  dayPart?: TimeCandidate;
}

/** Minutes after midnight, reading a bare hour in the light of what surrounds it. */
function resolveMinutes(e: DateExpression, text: string): number | null {
  const { clock, dayPart, date, recurrence } = e;
  const minutes =
    clock?.minutes ?? dayPart?.minutes ?? date?.minutes ?? recurrence?.minutes ?? null;
  if (!clock?.ambiguous || clock.literalMinutes === undefined) return minutes;
  // "every morning at 6:30" is 06:30, "tonight at 8" is 20:00.
  const evening = e.dateGroup.some((d) => d.evening) ? 1140 : undefined;
  const hint =
    dayPart?.minutes ?? recurrence?.minutes ?? evening ?? date?.minutes ?? timeOfDayHint(text);
  if (hint === undefined) return minutes;
  return hint < 720 ? clock.literalMinutes : (clock.literalMinutes % 720) + 720;
}

function resolveDue(e: DateExpression, minutes: number | null, context: Context): string | null {
  const { today, nowMinutes } = context;
  if (e.recurrence) {
    let day = firstOccurrence(e.recurrence.rule, e.date?.day ?? today);
    if (!e.date && day === today && minutes !== null && minutes < nowMinutes) {
      day = firstOccurrence(e.recurrence.rule, today + 1);
    }
    return formatDue(day, minutes);
  }
  if (e.date) return formatDue(e.date.day, minutes);
  if (minutes === null) return null;
  // A time that already passed today means its next occurrence, tomorrow.
  return formatDue(minutes >= nowMinutes ? today : today + 1, minutes);
}

function parseOutsideDismissed(
  text: string,
  { now, known }: ParseOptions,
  blocked: Blocked,
): QuickAddResult {
  const markers = findMarkers(text, known);
  const chars = text.split('');
  // Quoted titles and links are text, whatever they contain: "Watch \"Next Friday\"", ".../2026-12-03/...".
  for (const m of text.matchAll(PROTECTED)) chars.fill('x', m.index, m.index + m[0].length);
  // "!tomorrow 9am" is the reminder's time, not the due date: read on its own, then hidden from the rest.
  const reminderSpans = findReminderSpans(chars.join(''), (body) => {
    const sub = parseOutsideDismissed(body, { now }, new Map());
    const used = sub.chips.filter((c) => c.kind === 'due');
    return { due: sub.recurrence === null ? sub.due : null, used };
  }).filter((span) => !isBlocked('reminder', span, blocked));
  for (const m of markers) chars.fill(MASK, m.start, m.end);
  for (const r of reminderSpans) chars.fill(MASK, r.start, r.end);
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
  // The most specific schedule wins: "Weekly sync every thursday" repeats on Thursdays.
  const recurrence = selected
    .filter((c): c is RecurrenceCandidate => c.kind === 'recurrence')
    .reduce<RecurrenceCandidate | undefined>(
      (best, c) => (!best || c.end - c.start > best.end - best.start ? c : best),
      undefined,
    );
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

  const expression: DateExpression = { recurrence, dateGroup, date, clock, dayPart };
  const due = resolveDue(expression, resolveMinutes(expression, text), context);

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
  const sectionMarker = firstOf('section');
  const labelMarkers = usable.filter((m) => m.kind === 'label');
  for (const m of [priorityMarker, projectMarker, sectionMarker, ...labelMarkers])
    if (m) chip(m.kind, m);
  for (const r of reminderSpans) chip('reminder', r);
  chips.sort((a, b) => a.start - b.start);

  const labels = [...new Set(labelMarkers.map((m) => m.value))];
  let title = buildTitle(text, chips);
  if (!title) title = text.replace(/\s+/g, ' ').trim();
  return {
    title,
    due,
    priority: priorityMarker ? (Number(priorityMarker.value) as 1 | 2 | 3 | 4) : 4,
    project: projectMarker?.value ?? null,
    section: sectionMarker?.value ?? null,
    labels,
    recurrence: recurrence ? formatRRule(recurrence.rule) : null,
    reminders: toReminderDrafts(reminderSpans, due),
    chips,
  };
}

const sameText = (a: string, b: string): boolean =>
  a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

export function parseQuickAdd(text: string, options: ParseOptions): QuickAddResult {
  const blocked: Blocked = new Map();
  const dismissed = options.dismissed ?? [];
  // A dismissed chip blocks its span; parsing again may find a shorter part elsewhere, which is checked too.
  for (let round = 0; ; round++) {
    const result = parseOutsideDismissed(text, options, blocked);
    const hits = result.chips.filter((c) =>
      dismissed.some((d) => d.kind === c.kind && sameText(d.text, c.text)),
    );
    if (hits.length === 0 || round >= 8) return result;
    for (const c of hits) blocked.set(c.kind, [...(blocked.get(c.kind) ?? []), c]);
  }
}
