// Rules for times of day. A time needs am/pm, "at", a valid HH:MM, or a named part of the day:
// bare numbers are never times ("Buy 2 apples"), and "1:1" is not HH:MM.
import { wordAfter, wordBefore, wordRegex, type Rule, type TimeCandidate } from './candidate.ts';
import { MONTH_PATTERN, QUANTITY_WORDS, isFollowerWord } from './vocabulary.ts';

const MONTH_WORD = new RegExp(`^(?:${MONTH_PATTERN})$`, 'i');

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

function withMeridiem(hour: number, minute: number, meridiem: string): number | null {
  if (hour < 1 || hour > 12 || minute > 59) return null;
  return ((hour % 12) + (/p/i.test(meridiem) ? 12 : 0)) * 60 + minute;
}

/**
 * Hours written without am/pm: 1-6 mean the afternoon (nobody files a task for 5 am by writing "at 5"),
 * 7-11 the morning, unless a nearby "morning"/"tonight" says otherwise; a zero-padded hour ("07:30")
 * or 12-23 is taken literally.
 */
function clockTime(
  m: RegExpExecArray,
  hourText: string,
  minuteText: string | undefined,
): TimeCandidate | null {
  const hour = Number(hourText);
  const minute = minuteText === undefined ? 0 : Number(minuteText);
  if (hour > 23 || minute > 59) return null;
  const literal = hour * 60 + minute;
  if (!(hour >= 1 && hour <= 11 && !hourText.startsWith('0'))) return time(m, literal);
  return time(m, hour <= 6 ? literal + 720 : literal, { ambiguous: true, literalMinutes: literal });
}

export const timeRules: Rule[] = [
  {
    // "5pm", "5 pm", "5:45 p.m.", "11.30am", "@ 7pm"
    pattern: wordRegex(
      '(?<![:.,\\d])(?:@\\s*)?(\\d{1,2})(?:[:.]([0-5]\\d))?\\s*([ap])\\.?m\\.?(?:\\s+sharp)?',
    ),
    build(m) {
      const minutes = withMeridiem(Number(m[1]), Number(m[2] ?? 0), m[3]);
      return minutes === null ? null : time(m, minutes);
    },
  },
  {
    // "3-4pm", "1pm-3pm", "10:30-11:30", "from 2 to 3pm": the task is due when the range starts.
    pattern: wordRegex(
      '(?<![:.,\\d])(?:from\\s+)?(\\d{1,2})(?::([0-5]\\d))?\\s*(?:([ap])\\.?m\\.?)?\\s*(?:-|–|to|until)\\s*(\\d{1,2})(?::([0-5]\\d))?\\s*(?:([ap])\\.?m\\.?)?',
    ),
    build(m, { text }) {
      const [, h1, m1, mer1, h2, m2, mer2] = m;
      if (MONTH_WORD.test(wordBefore(text, m.index))) return null; // "Dec 3 - 10am" is a day, then a time
      if (!mer2) {
        // Without am/pm only two clock times make a range ("10:30-11:30"), not "3-4" or a score.
        if (mer1 || m1 === undefined || m2 === undefined) return null;
        const clock = clockTime(m, h1, m1);
        return clock && Number(h2) <= 23 ? clock : null;
      }
      const end = withMeridiem(Number(h2), Number(m2 ?? 0), mer2);
      let start = withMeridiem(Number(h1), Number(m1 ?? 0), mer1 ?? mer2);
      if (end === null || start === null) return null;
      if (!mer1 && start > end) start -= 720; // "11-1pm" starts at 11 am
      return start < 0 ? null : time(m, start);
    },
  },
  {
    // "17:00", "9:30", "at 07:15"
    pattern: wordRegex(
      '(?<![:./,\\d])(?:@\\s*)?([01]?\\d|2[0-3]):([0-5]\\d)(?![:\\d]|\\.\\d)(?:\\s+sharp)?',
    ),
    build: (m) => clockTime(m, m[1], m[2]),
  },
  {
    // "at 5", "at 17", "@ 8", "5 o'clock"
    pattern: wordRegex(
      `(?:at|@|around)\\s+(\\d{1,2})(?:\\s*o['’]?clock)?(?![:.]\\d)|(\\d{1,2})\\s*o['’]?clock`,
    ),
    build(m, { text }) {
      const end = m.index + m[0].length;
      const next = wordAfter(text, end);
      if (QUANTITY_WORDS.has(next.toLowerCase())) return null;
      const candidate = clockTime(m, m[1] ?? m[2], undefined);
      // "at 10 Downing Street" is an address; "tomorrow at 10 dentist" is a time, as the date beside it shows.
      const followedByWord = /^\s*[\p{L}\p{N}]/u.test(text.slice(end, end + 40));
      if (candidate && m[1] !== undefined && followedByWord && !isFollowerWord(next))
        candidate.weak = true;
      return candidate;
    },
  },
  {
    pattern: wordRegex('noon|midday|midnight'),
    build(m, { text }) {
      const anchored =
        /^(?:at|by|around|before|until|till|after)$/i.test(wordBefore(text, m.index)) ||
        /@\s*$/.test(text.slice(Math.max(0, m.index - 3), m.index));
      return time(m, /midnight/i.test(m[0]) ? 0 : 720, { weak: !anchored });
    },
  },
  {
    // "in the morning"; a bare "evening" only next to a date ("friday evening")
    pattern: wordRegex('(in\\s+the\\s+)?(morning|afternoon|evening|night)'),
    build: (m) => time(m, DAY_PARTS[m[2].toLowerCase()], { weak: !m[1], dayPart: true }),
  },
];
