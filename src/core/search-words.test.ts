import { describe, expect, it } from 'vitest';
import { searchTokens, taskWords } from './search-words';

describe('search words', () => {
  it('splits on anything but letters and digits, in lower case', () => {
    expect(searchTokens('E-mail, Sam! Café 2pm')).toEqual(['e', 'mail', 'sam', 'café', '2pm']);
  });

  it('gives the distinct words of title, notes and labels', () => {
    expect(
      taskWords({ title: 'Call Sam', notes: 'call about the Budget', labels: ['phone', 'Sam'] }),
    ).toEqual(['call', 'sam', 'about', 'the', 'budget', 'phone']);
    expect(taskWords({ title: 'Only a title' })).toEqual(['only', 'a', 'title']);
  });
});
