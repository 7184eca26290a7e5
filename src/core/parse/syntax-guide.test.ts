// Every example the documentation shows means what the page says it means, read by the real parser.
import { describe, expect, it } from 'vitest';
import { parseQuickAdd } from './quick-add.ts';
import { GUIDE_NOW, QUICK_ADD_GUIDE } from './syntax-guide.ts';

describe('the quick-add syntax guide', () => {
  const examples = QUICK_ADD_GUIDE.flatMap((section) => section.examples);

  it.each(examples.map((e) => [e.text, e.means] as const))('%s', (text, means) => {
    expect(parseQuickAdd(text, { now: GUIDE_NOW })).toMatchObject(means);
  });

  it('has examples and words in every section', () => {
    for (const section of QUICK_ADD_GUIDE) {
      expect(section.examples.length).toBeGreaterThan(0);
      expect(section.words.every((w) => w.words().length > 0)).toBe(true);
    }
  });
});
