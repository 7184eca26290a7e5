// The quick-add syntax as the documentation page shows it: worked examples with what each one must mean
// (syntax-guide.test.ts parses every one with the real parser against GUIDE_NOW), and the word lists the
// rules read, taken from the parser's own vocabulary so the page cannot fall behind it.
import { DAY_PARTS } from './time-rules.ts';
import { KEYWORD_RULES } from './recurrence-rules.ts';
import type { QuickAddResult } from './types.ts';
import {
  DATE_CONNECTORS,
  MONTH_NAMES,
  NUMBER_WORDS,
  ORDINAL_WORDS,
  QUANTITY_WORDS,
  WEEKDAY_NAMES,
} from './vocabulary.ts';

/** The examples are read on Thursday 26 November 2026 at 09:00, local time. */
export const GUIDE_NOW = new Date(2026, 10, 26, 9, 0);

type GuideReading = Partial<
  Pick<QuickAddResult, 'title' | 'due' | 'priority' | 'project' | 'labels' | 'recurrence'>
>;

interface GuideExample {
  text: string;
  means: GuideReading;
}

interface GuideWords {
  label: string;
  /** Read when the page renders, from the parser's own collections. */
  words: () => readonly string[];
}

interface GuideSection {
  id: string;
  heading: string;
  intro: string;
  examples: GuideExample[];
  words: GuideWords[];
}

/** An example that reads as `title`, with `syntax` after it read as `means`. */
function example(title: string, syntax: string, means: GuideReading = {}): GuideExample {
  return { text: syntax ? `${title} ${syntax}` : title, means: { title, ...means } };
}

export const QUICK_ADD_GUIDE: GuideSection[] = [
  {
    id: 'markers',
    heading: 'Priority, project and labels',
    intro:
      'Type them anywhere in the line. p1 is the most urgent, p4 (the default) the least; a project or label name needs a letter, and quotes allow spaces. After # or @ the projects and labels you already have are offered as you type, names with spaces included: choose one with the arrow keys and Enter. After / the sections of the task’s project are offered the same way (\u201cBuy paint #Home Renovation /Shopping\u201d files it in that section).',
    examples: [
      example('Call mum', 'p1', { priority: 1 }),
      example('Pay rent', '!!2', { priority: 2 }),
      example('Draft the agenda', '#Work', { project: 'Work' }),
      example('Plan trip', '#"Summer holiday"', { project: 'Summer holiday' }),
      example('Buy milk', '@errands @home', { labels: ['errands', 'home'] }),
    ],
    words: [
      {
        label: 'Markers',
        words: () => ['p1', 'p2', 'p3', 'p4', '!!1', '!!4', '#project', '@label'],
      },
    ],
  },
  {
    id: 'dates',
    heading: 'Dates',
    intro:
      'A weekday means the next one (today if it is that day); "next" means the one in the following week. A month and day already past means next year.',
    examples: [
      example('Submit report', 'today', { due: '2026-11-26' }),
      example('Dentist', 'tomorrow', { due: '2026-11-27' }),
      example('Gym', 'friday', { due: '2026-11-27' }),
      example('Review', 'next friday', { due: '2026-12-04' }),
      example('Water plants', 'in 3 days', { due: '2026-11-29' }),
      example('Renew passport', 'dec 4', { due: '2026-12-04' }),
      example('Send invoice', '11/30', { due: '2026-11-30' }),
      example('Close the books', 'end of month', { due: '2026-11-30' }),
      example('Clean gutters', 'next week', { due: '2026-11-30' }),
    ],
    words: [
      { label: 'Months (or their first three letters)', words: () => MONTH_NAMES },
      { label: 'Weekdays (or their first three letters)', words: () => WEEKDAY_NAMES },
      { label: 'Numbers in words', words: () => Object.keys(NUMBER_WORDS) },
      { label: 'Days of the month in words', words: () => Object.keys(ORDINAL_WORDS) },
      {
        label: 'Words that belong to the date ("due on Friday")',
        words: () => [...DATE_CONNECTORS],
      },
    ],
  },
  {
    id: 'times',
    heading: 'Times',
    intro:
      'A time needs am/pm, "at", hours and minutes, or a part of the day. Without am/pm, 1 to 6 mean the afternoon and 7 to 11 the morning. A time with no date means today, or tomorrow once it has passed.',
    examples: [
      example('Call', 'at 5', { due: '2026-11-26T17:00' }),
      example('Standup', 'at 9:30am', { due: '2026-11-26T09:30' }),
      example('Lunch with Sam', 'tomorrow at noon', { due: '2026-11-27T12:00' }),
      example('Movie', 'tonight', { due: '2026-11-26T19:00' }),
      example('Run', 'friday morning', { due: '2026-11-27T09:00' }),
    ],
    words: [
      {
        label: 'Parts of the day',
        words: () => [...Object.keys(DAY_PARTS), 'noon', 'midnight', 'tonight'],
      },
    ],
  },
  {
    id: 'repeating',
    heading: 'Repeating tasks',
    intro:
      'Start with "every" (or use one of the words below). The task is due on the first occurrence; completing it moves it to the next.',
    examples: [
      example('Stretch', 'every day', { recurrence: 'FREQ=DAILY' }),
      example('Team sync', 'every monday at 10am', {
        due: '2026-11-30T10:00',
        recurrence: 'FREQ=WEEKLY;BYDAY=MO',
      }),
      example('Timesheet', 'every weekday', { recurrence: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' }),
      example('Water plants', 'every 3 days', { recurrence: 'FREQ=DAILY;INTERVAL=3' }),
      example('Bins', 'every other thursday', { recurrence: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TH' }),
      example('Book club', 'every 2nd tuesday', {
        due: '2026-12-08',
        recurrence: 'FREQ=MONTHLY;BYDAY=2TU',
      }),
      example('Review budget', 'every last friday', { recurrence: 'FREQ=MONTHLY;BYDAY=-1FR' }),
      example('Pay rent', 'monthly on the 1st', {
        due: '2026-12-01',
        recurrence: 'FREQ=MONTHLY;BYMONTHDAY=1',
      }),
      example('Birthday card', 'every jan 15', {
        recurrence: 'FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=15',
      }),
    ],
    words: [
      { label: 'Repeat words', words: () => ['every', 'each', ...Object.keys(KEYWORD_RULES)] },
    ],
  },
  {
    id: 'not-dates',
    heading: 'What stays in the title',
    intro:
      'Quoted text, links and plain numbers are never dates, and a number followed by a unit is a quantity. If a reading is wrong, remove its chip under the field and the words stay in the title.',
    examples: [
      example('Read "Next Friday"', 'by Mon', { due: '2026-11-30' }),
      example('Buy 2 apples', '', { due: null }),
      example('Rate the hotel at 5 stars', '', { due: null }),
      example('Weekly report draft', '', { recurrence: null }),
    ],
    words: [{ label: 'Units that make a number a quantity', words: () => [...QUANTITY_WORDS] }],
  },
];
