// Whatever is typed, the parser answers with a well-formed result. fast-check prints the seed and the
// shrunk input on failure; replay with FUZZ_SEED=<seed> npx vitest run src/core/parse/quick-add.property.test.ts
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withReminderIds } from '../reminders.ts';
import { DATETIME_RE, DATE_RE, taskChangesSchema } from '../task.ts';
import { parseQuickAdd } from './quick-add.ts';

const WORDS = [
  'every',
  'other',
  'day',
  'monday',
  'next',
  'this',
  'friday',
  'sat',
  'tomorrow',
  'tonight',
  'at',
  'on',
  'the',
  '5th',
  '15th',
  'dec',
  'may',
  '3',
  '12',
  '5pm',
  '17:00',
  '1:1',
  '11/30',
  '2026-12-03',
  'noon',
  'midnight',
  'in',
  '2',
  'weeks',
  'month',
  'weekly',
  'p1',
  '!!2',
  '#Work',
  '@home',
  'a@b.com',
  'for',
  'by',
  'due',
  'and',
  ',',
  '-',
  'Call',
  'Mom',
  'Read',
  '1984',
  'morning',
  'evening',
  'last',
  'of',
  'until',
  'starting',
  '3-4pm',
  "'s",
  '(',
  ')',
  'Wednesday',
  'Addams',
  'mid',
  'end',
  '!30',
  '!2pm',
  'min',
  'before',
  '!',
];

const phrase = fc
  .array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 6 })), { maxLength: 12 })
  .map((words) => words.join(' '));

const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

describe('parseQuickAdd on arbitrary phrases', () => {
  it('returns valid fields and chips that point into the input', () => {
    const now = new Date(2026, 10, 26, 9, 0);
    fc.assert(
      fc.property(phrase, (text) => {
        const result = parseQuickAdd(text, { now });
        if (text.trim()) expect(result.title.length).toBeGreaterThan(0);
        if (result.due !== null)
          expect(DATE_RE.test(result.due) || DATETIME_RE.test(result.due)).toBe(true);
        expect([1, 2, 3, 4]).toContain(result.priority);
        if (result.recurrence !== null)
          expect(result.recurrence).toMatch(/^FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)/);
        for (const chip of result.chips) expect(text.slice(chip.start, chip.end)).toBe(chip.text);
        // Reminders become valid task fields once the store names them.
        const reminders = withReminderIds(
          result.reminders,
          () => '0193b5a0-0000-7000-8000-0000000000a1',
        );
        for (const reminder of reminders)
          expect(taskChangesSchema.safeParse({ reminders: [reminder] }).success).toBe(true);
        // Dismissing every chip leaves the text alone.
        const dismissed = result.chips.map(({ kind, text: chipText }) => ({
          kind,
          text: chipText,
        }));
        const again = parseQuickAdd(text, { now, dismissed });
        expect(
          again.chips.filter((c) => dismissed.some((d) => d.kind === c.kind && d.text === c.text)),
        ).toEqual([]);
      }),
      { numRuns: 400, seed },
    );
  });
});
