// Rules for times of day. A time needs am/pm, "at", a valid HH:MM, or a named part of the day:
// bare numbers are never times ("Buy 2 apples"), and "1:1" is not HH:MM.
import { LEFT, RIGHT, wordAfter, wordBefore, type Rule, type TimeCandidate } from './candidate.ts';
import { MONTH_PATTERN, QUANTITY_WORDS, WEEKDAY_PATTERN } from './vocabulary.ts';

const re = (source: string): RegExp => new RegExp(`${LEFT}(?:${source})${RIGHT}`, 'giu');

/** Named parts of the day, as Todoist reads them. */
export const DAY_PARTS: Record<string, number> = {
  morning: 540,
  afternoon: 720,
  evening: 1140,
  night: 1320,
};

function time(
  m: RegExpExecArray,
  minutes: number,
  extra: Partial<TimeCandidate> = {},
): TimeCandidate {
  return { kind: 'time', start: m.index, end: m.index + m[0].length, minutes, ...extra };
}

/**
 * Hours written without am/pm: 1-6 mean the afternoon (nobody files a task for 5 am by writing "at 5"),
 * 7-11 the morning; a zero-padded hour ("07:30") or 12-23 is taken literally.
 */
function clockTime(
  m: RegExpExecArray,
  hourText: string,
  minuteText: string | undefined,
): TimeCandidate | null {
  const hour = Number(hourText);
  const minute = minuteText === undefined ? 0 : Number(minuteText);
  if (hour > 23 || minute > 59) return null;
  const ambiguous = hour >= 1 && hour <= 11 && !hourText.startsWith('0');
  const hour24 = ambiguous && hour <= 6 ? hour + 12 : hour;
  return time(m, hour24 * 60 + minute, { ambiguous });
}

/** Words that may follow "at 5" when 5 is a time; anything else ("at 5 stars", "at 10 Downing St") is not. */
const AFTER_BARE_HOUR = new RegExp(
  `^(?:on|with|for|to|and|about|in|at|by|from|re|then|sharp|or|before|after|until|till|tomorrow|today|tonight|next|this|every|each|p[1-4]|${MONTH_PATTERN}|${WEEKDAY_PATTERN})$`,
  'iu',
);

export const timeRules: Rule[] = [
  {
    // "5pm", "5 pm", "5:45 p.m.", "11.30am", "@ 7pm"
    pattern: re('(?<![:.,\\d])(?:@\\s*)?(\\d{1,2})(?:[:.]([0-5]\\d))?\\s*([ap])\\.?m\\.?'),
    build(m) {
      const hour = Number(m[1]);
      if (hour < 1 || hour > 12) return null;
      const pm = m[3].toLowerCase() === 'p';
      return time(m, ((hour % 12) + (pm ? 12 : 0)) * 60 + Number(m[2] ?? 0));
    },
  },
  {
    // "17:00", "9:30", "at 07:15"
    pattern: re('(?<![:./,\\d])(?:@\\s*)?([01]?\\d|2[0-3]):([0-5]\\d)(?![:\\d]|\\.\\d)'),
    build: (m) => clockTime(m, m[1], m[2]),
  },
  {
    // "at 5", "at 17", "@ 8", "5 o'clock"
    pattern: re(
      `(?:at|@|around)\\s+(\\d{1,2})(?:\\s*o['’]?clock)?(?![:.]\\d)|(\\d{1,2})\\s*o['’]?clock`,
    ),
    build(m, { text }) {
      const end = m.index + m[0].length;
      const rest = text.slice(end);
      const next = wordAfter(text, end);
      const followedByWord = /^\s*[\p{L}\p{N}]/u.test(rest);
      if (
        m[1] !== undefined &&
        followedByWord &&
        (!AFTER_BARE_HOUR.test(next) || QUANTITY_WORDS.has(next.toLowerCase()))
      ) {
        return null;
      }
      return clockTime(m, m[1] ?? m[2], undefined);
    },
  },
  {
    pattern: re('noon|midday|midnight'),
    build(m, { text }) {
      const anchored = /^(?:at|by|around|before|until|till|after)$/i.test(
        wordBefore(text, m.index),
      );
      return time(m, /midnight/i.test(m[0]) ? 0 : 720, { weak: !anchored });
    },
  },
  {
    // "in the morning"; a bare "evening" only next to a date ("friday evening")
    pattern: re('(in\\s+the\\s+)?(morning|afternoon|evening|night)'),
    build: (m) => time(m, DAY_PARTS[m[2].toLowerCase()], { weak: !m[1] }),
  },
];
