import { describe, expect, it } from 'vitest';
import { Vocabulary } from './vocabulary';

const found = (vocabulary: Vocabulary, token: string) => {
  const words: string[] = [];
  vocabulary.containing(token, (n) => words.push(vocabulary.wordAt(n)));
  return words;
};

describe('Vocabulary', () => {
  it('numbers each distinct word once, in order', () => {
    const vocabulary = new Vocabulary();
    expect(['plant', 'ant', 'plant', 'pants'].map((w) => vocabulary.add(w))).toEqual([0, 1, 0, 2]);
    expect(vocabulary.size).toBe(3);
    expect(vocabulary.wordAt(2)).toBe('pants');
  });

  it('finds every word containing a token, each once, however often the token occurs in it', () => {
    const vocabulary = new Vocabulary();
    for (const word of ['plant', 'ant', 'banana', 'nan', 'an', 'x']) vocabulary.add(word);
    expect(found(vocabulary, 'an')).toEqual(['plant', 'ant', 'banana', 'nan', 'an']);
    expect(found(vocabulary, 'ana')).toEqual(['banana']);
    expect(found(vocabulary, 'x')).toEqual(['x']);
    expect(found(vocabulary, 'tb')).toEqual([]);
    expect(found(vocabulary, '')).toEqual([]);
  });

  it('a token never matches across two words', () => {
    const vocabulary = new Vocabulary();
    vocabulary.add('ab');
    vocabulary.add('cd');
    expect(found(vocabulary, 'bc')).toEqual([]);
  });

  it('finds words added after a lookup, and agrees with includes on many words', () => {
    const vocabulary = new Vocabulary();
    const words: string[] = [];
    const check = (token: string) =>
      expect(found(vocabulary, token)).toEqual(words.filter((w) => w.includes(token)));
    for (let i = 0; i < 3000; i++) {
      const word = `w${(i * 7919) % 10007}`;
      if (vocabulary.add(word) === words.length) words.push(word);
      if (i % 500 === 0) check('1');
    }
    for (const token of ['0', '42', 'w1', '9999', '10006', 'w']) check(token);
  });
});
