// What a rule reports: a span of the input and the meaning it gives that span.
import type { DayNumber } from '../calendar.ts';
import type { RecurrenceRule } from './rrule.ts';

export interface Context {
  /** The input with markers (#project, @label, p1) blanked out, same length as the original. */
  text: string;
  today: DayNumber;
  /** Minutes after local midnight. */
  nowMinutes: number;
}

interface CandidateBase {
  start: number;
  end: number;
  /** Weak candidates ("sat", "morning", "noon") count only next to a strong one. */
  weak?: boolean;
}

export interface DateCandidate extends CandidateBase {
  kind: 'date';
  day: DayNumber;
  /** Explicit calendar dates beat weekdays when both name the same day ("Friday, Dec 4"). */
  explicit?: boolean;
  /** "tonight": a bare "at 8" then means 20:00. */
  evening?: boolean;
  /** Also carries a time ("in 2 hours", "this morning", "2026-12-03 14:00"). */
  minutes?: number;
}

export interface TimeCandidate extends CandidateBase {
  kind: 'time';
  minutes: number;
  /** An hour written without am/pm (1-11), so a context like "tonight" may move it to the afternoon. */
  ambiguous?: boolean;
  /** The hour as written (before the afternoon guess), used when "morning" is said nearby. */
  literalMinutes?: number;
  /** "evening", "in the morning": overridden by a clock time in the same expression. */
  dayPart?: boolean;
}

export interface RecurrenceCandidate extends CandidateBase {
  kind: 'recurrence';
  rule: RecurrenceRule;
  /** "every morning" implies 09:00. */
  minutes?: number;
}

export type Candidate = DateCandidate | TimeCandidate | RecurrenceCandidate;

/** A rule: a global regex run over the masked text and a builder that may reject the match. */
export interface Rule {
  pattern: RegExp;
  build(match: RegExpExecArray, context: Context): Candidate | null;
}

/** Letters/digits around a match mean it is part of a bigger word. */
export const LEFT = '(?<![\\p{L}\\p{N}_])';
export const RIGHT = '(?![\\p{L}\\p{N}_])';

/** A rule pattern that only matches whole words. */
export const wordRegex = (source: string): RegExp =>
  new RegExp(`${LEFT}(?:${source})${RIGHT}`, 'giu');

export function dateCandidate(
  match: RegExpExecArray,
  day: DayNumber,
  extra: Partial<DateCandidate> = {},
): DateCandidate {
  return { kind: 'date', start: match.index, end: match.index + match[0].length, day, ...extra };
}

const TRAILING_SPACE = /[\s\uE000.,;!?]*$/y;
/** Only spaces, punctuation and markers after `index`: a date there ends the phrase. */
export function endsText(text: string, index: number): boolean {
  TRAILING_SPACE.lastIndex = index;
  return TRAILING_SPACE.test(text);
}

export function wordBefore(text: string, index: number): string {
  const m = /([\p{L}\p{N}']+)[^\p{L}\p{N}\uE000]*$/u.exec(
    text.slice(Math.max(0, index - 40), index),
  );
  return m ? m[1] : '';
}

export function wordAfter(text: string, index: number): string {
  const m = /^[\s,]*([\p{L}\p{N}']+)/u.exec(text.slice(index, index + 40));
  return m ? m[1] : '';
}

/** "next week's menu", "at 7-Eleven", "Q3-planning": possessives and hyphenated words are title text. */
function isPartOfWord(text: string, candidate: Candidate): boolean {
  const after = text.slice(candidate.end, candidate.end + 3);
  const before = text.slice(Math.max(0, candidate.start - 2), candidate.start);
  return (
    /^['’]s(?![\p{L}\p{N}])/u.test(after) ||
    /^[-/][\p{L}\p{N}]/u.test(after) ||
    /[\p{L}\p{N}][-/]$/u.test(before)
  );
}

export function runRules(rules: readonly Rule[], context: Context): Candidate[] {
  const found: Candidate[] = [];
  for (const rule of rules) {
    rule.pattern.lastIndex = 0;
    for (let m = rule.pattern.exec(context.text); m; m = rule.pattern.exec(context.text)) {
      const candidate = rule.build(m, context);
      if (candidate && !isPartOfWord(context.text, candidate)) found.push(candidate);
      if (m[0].length === 0) rule.pattern.lastIndex++;
    }
  }
  return found;
}
