// Which detected parts make up the date expression: longest non-overlapping parts, weak parts only
// beside strong ones, and the chip spans (grown over "due on", "by", "at").
import type { Candidate, DateCandidate, TimeCandidate } from './candidate.ts';
import type { Range } from './title.ts';
import { DATE_CONNECTORS } from './vocabulary.ts';

/** What may sit between two parts of one date expression: "tomorrow at 5pm", "Friday, Dec 4". */
const JOINER = /^[\s,]*(?:(?:at|@|on|the|in\s+the|and|or|&)\s+)?$/iu;

export const overlaps = (a: Range, b: Range): boolean => a.start < b.end && b.start < a.end;

/** Longest first, so "every monday" wins over "monday"; weak parts survive only beside strong ones. */
export function selectCandidates(candidates: Candidate[], text: string): Candidate[] {
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
  return chosen.filter((_, i) => accepted[i]);
}

export function adjacent(a: Range, b: Range, text: string): boolean {
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
export function groupDue(parts: Array<DateCandidate | TimeCandidate>, text: string): Range[] {
  const groups: Range[] = [];
  for (const p of [...parts].sort((a, b) => a.start - b.start)) {
    const last = groups[groups.length - 1];
    if (last && adjacent(last, p, text)) last.end = p.end;
    else groups.push({ start: p.start, end: p.end });
  }
  return groups.map((g) => withConnectors(g, text));
}
