// Runs the labelled quick-add corpus (tests/corpus/quick-add.jsonl) and reports per-field and
// whole-phrase accuracy. `now` in the corpus is local wall-clock time, so Dates are built in local time.
import { describe, expect, it } from 'vitest';
import corpus from '../../../tests/corpus/quick-add.jsonl?raw';
import { parseQuickAdd } from './quick-add.ts';

interface Expected {
  title: string;
  due: string | null;
  priority: number;
  project: string | null;
  labels: string[];
  recurrence: string | null;
}
interface Row {
  now: string;
  text: string;
  expected: Expected;
}

const FIELDS = ['title', 'due', 'priority', 'project', 'labels', 'recurrence'] as const;

export function localDate(wallClock: string): Date {
  const [date, time = '00:00'] = wallClock.split('T');
  const [y, m, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  return new Date(y, m - 1, d, h, mi);
}

const rows: Row[] = corpus
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as Row);

describe('quick-add corpus', () => {
  it('has at least 250 labelled phrases over several reference times', () => {
    expect(rows.length).toBeGreaterThanOrEqual(250);
    expect(new Set(rows.map((r) => r.now)).size).toBeGreaterThanOrEqual(5);
  });

  it('reaches 97% whole-phrase accuracy', () => {
    const correct = Object.fromEntries(FIELDS.map((f) => [f, 0])) as Record<
      (typeof FIELDS)[number],
      number
    >;
    let whole = 0;
    const failures: string[] = [];
    for (const row of rows) {
      const result = parseQuickAdd(row.text, { now: localDate(row.now) });
      const wrong = FIELDS.filter(
        (f) => JSON.stringify(result[f]) !== JSON.stringify(row.expected[f]),
      );
      for (const f of FIELDS) if (!wrong.includes(f)) correct[f]++;
      if (wrong.length === 0) whole++;
      else {
        const got = Object.fromEntries(wrong.map((f) => [f, result[f]]));
        const want = Object.fromEntries(wrong.map((f) => [f, row.expected[f]]));
        failures.push(
          `${row.now} ${JSON.stringify(row.text)} got ${JSON.stringify(got)} want ${JSON.stringify(want)}`,
        );
      }
    }
    const pct = (n: number): string => `${((100 * n) / rows.length).toFixed(1)}%`;
    const report = [
      `quick-add corpus: ${rows.length} phrases, whole-phrase ${pct(whole)}`,
      ...FIELDS.map((f) => `  ${f.padEnd(10)} ${pct(correct[f])}`),
      ...failures.map((f) => `  MISS ${f}`),
    ].join('\n');
    console.log(report);
    expect(whole / rows.length, report).toBeGreaterThanOrEqual(0.97);
  });
});
