// The prompt for one quick-add parse. The model gets the reference date, time and weekday because
// "next friday" means nothing without them, the JSON schema it must follow, and a few worked
// examples in Tend's field conventions (priority 1 = most urgent, RRULE without the prefix).

import { weekdayName } from '../core/calendar';

interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

const RULES = [
  'You turn one to-do item typed by a person into JSON for the task app Tend.',
  'Answer with a single JSON object and nothing else.',
  'Fields:',
  '- title: the task itself, in the words of the person, without the date, time, priority, project, label or repetition words. Never empty.',
  '- due: "YYYY-MM-DD" for a day, "YYYY-MM-DDTHH:mm" (24-hour, local time) when a time is given, or null. Relative dates count from the reference date. A time already past today means tomorrow.',
  '- priority: 1 (urgent) to 4 (none). "urgent", "asap", "important" suggest 1 or 2; default 4.',
  '- project: the project named with #Name, or null.',
  '- labels: names given with @name, without the @.',
  '- recurrence: an RFC 5545 RRULE without "RRULE:" (e.g. FREQ=WEEKLY;BYDAY=MO) when the task repeats, else null.',
  'Titles such as "Read 1984" or "Watch Apollo 13" contain no date.',
].join('\n');

const EXAMPLES = [
  {
    now: '2026-11-26T09:00 (Thursday)',
    text: 'remind me to ring the dentist the day after tomorrow, it is urgent',
    json: '{"title":"Ring the dentist","due":"2026-11-28","priority":1,"project":null,"labels":[],"recurrence":null}',
  },
  {
    now: '2026-11-26T09:00 (Thursday)',
    text: 'water plants every monday morning at 8 #Home @chores',
    json: '{"title":"Water plants","due":"2026-11-30T08:00","priority":4,"project":"Home","labels":["chores"],"recurrence":"FREQ=WEEKLY;BYDAY=MO"}',
  },
];

export function buildMessages(
  text: string,
  referenceNow: string,
  jsonSchema: string,
): ChatMessage[] {
  const examples = EXAMPLES.map(
    (e) => `Reference: ${e.now}\nText: ${e.text}\nJSON: ${e.json}`,
  ).join('\n\n');
  return [
    {
      role: 'system',
      content: `${RULES}\n\nJSON schema:\n${jsonSchema}\n\nExamples:\n\n${examples}`,
    },
    {
      role: 'user',
      content: `Reference: ${referenceNow} (${weekdayName(referenceNow)})\nText: ${text.trim()}\nJSON:`,
    },
  ];
}
