import { describe, expect, it } from 'vitest';
import { knownNameAt } from './known-names.ts';
import { parseQuickAdd } from './quick-add.ts';

describe('knownNameAt', () => {
  const names = ['Home', 'Home Renovation', 'Work'];

  it('takes the longest name written at the index, in any case', () => {
    expect(knownNameAt('Paint #home renovation now', 7, names)).toBe('Home Renovation');
    expect(knownNameAt('Paint #Home now', 7, names)).toBe('Home');
  });

  it('needs the name to end where a word ends', () => {
    expect(knownNameAt('Paint #Home Renovations', 7, names)).toBe('Home');
    expect(knownNameAt('Paint #Homework', 7, names)).toBeNull();
    expect(knownNameAt('Paint #Garden', 7, names)).toBeNull();
  });
});

describe('parseQuickAdd with known names', () => {
  // Thursday 2026-11-26 09:00 local wall-clock time.
  const now = new Date(2026, 10, 26, 9, 0);
  const known = { projects: ['Home Renovation', 'Plan p1 launch'], labels: ['Waiting for'] };
  const parse = (text: string) => parseQuickAdd(text, { now, known });

  it('reads a multi-word project or label whole, spelled as it is stored', () => {
    const result = parse('Buy paint #home renovation tomorrow @Waiting for p2');
    expect(result).toMatchObject({
      title: 'Buy paint',
      project: 'Home Renovation',
      labels: ['Waiting for'],
      due: '2026-11-27',
      priority: 2,
    });
    expect(result.chips.map((c) => [c.kind, c.text])).toEqual([
      ['project', '#home renovation'],
      ['due', 'tomorrow'],
      ['label', '@Waiting for'],
      ['priority', 'p2'],
    ]);
  });

  it('keeps words of a known name out of dates and priorities', () => {
    expect(parse('Kickoff #Plan p1 launch')).toMatchObject({
      title: 'Kickoff',
      project: 'Plan p1 launch',
      priority: 4,
    });
  });

  it('leaves unknown names as before: one word, the rest is title', () => {
    const before = parseQuickAdd('Buy paint #Home Garden tomorrow', { now });
    expect(parse('Buy paint #Home Garden tomorrow')).toEqual(before);
    expect(before).toMatchObject({ title: 'Buy paint Garden', project: 'Home' });
    expect(parse('Buy paint #Home Renovations')).toMatchObject({
      project: 'Home',
      title: 'Buy paint Renovations',
    });
  });
});
