import { describe, expect, it } from 'vitest';
import { insertName, suggestNames, tagQueryAt } from './tag-suggestions';

describe('tagQueryAt', () => {
  it('finds the #project or @label being typed, spaces included', () => {
    const text = 'Paint walls #Home R';
    expect(tagQueryAt(text, text.length)).toEqual({
      sigil: '#',
      start: 12,
      end: text.length,
      query: 'Home R',
    });
    expect(tagQueryAt('Call @', 6)).toMatchObject({ sigil: '@', query: '' });
  });

  it('finds the /section being typed after a space, not a slash inside a word or a link', () => {
    const text = 'Buy paint #Home /Sho';
    expect(tagQueryAt(text, text.length)).toEqual({
      sigil: '/',
      start: 16,
      end: text.length,
      query: 'Sho',
    });
    expect(tagQueryAt('Pick and/or', 11)).toBeNull();
    expect(tagQueryAt('see https://x.org/a', 19)).toBeNull();
  });

  it('ignores sigils inside words and text with no sigil', () => {
    expect(tagQueryAt('mail a@b', 8)).toBeNull();
    expect(tagQueryAt('x.com/#anchor', 13)).toBeNull();
    expect(tagQueryAt('Buy milk', 8)).toBeNull();
  });
});

describe('suggestNames', () => {
  const names = ['Home', 'Home Renovation', 'Work', 'Homework', 'Renovation ideas'];

  it('offers names that continue the query, any case, then names that contain it', () => {
    expect(suggestNames('home r', names)).toEqual(['Home Renovation']);
    expect(suggestNames('Ho', names)).toEqual(['Home', 'Home Renovation', 'Homework']);
    expect(suggestNames('renovation', names)).toEqual(['Renovation ideas', 'Home Renovation']);
  });

  it('does not offer a name already typed in full, nor anything after a space', () => {
    expect(suggestNames('Work', names)).toEqual(['Homework']);
    expect(suggestNames(' 7pm', names)).toEqual([]);
    expect(suggestNames('', names)).toHaveLength(5);
  });
});

describe('insertName', () => {
  it('replaces the typed part with the chosen name and a space, keeping the rest', () => {
    const text = 'Paint #Home R tomorrow';
    const tag = tagQueryAt(text, 13)!;
    expect(insertName(text, tag, 'Home Renovation')).toEqual({
      text: 'Paint #Home Renovation tomorrow',
      caret: 23,
    });
  });
});
