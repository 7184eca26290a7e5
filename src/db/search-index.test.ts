import { describe, expect, it } from 'vitest';
import { searchTokens } from '../core/search-words';
import { SearchIndex } from './search-index';
import type { StoredTask } from './task-index';

const task = (id: string, title: string, extra: Partial<StoredTask> = {}): StoredTask =>
  ({
    id,
    title,
    notes: '',
    labels: [],
    order: Number(id),
    status: 'open',
    ...extra,
  }) as StoredTask;

const ids = (index: SearchIndex, ...words: string[]) =>
  index.lookup(words)?.hits.map((h) => h.id) ?? null;

describe('search index', () => {
  it('answers only once complete', () => {
    const index = new SearchIndex();
    index.put([task('1', 'Water the plants')]);
    expect(index.lookup(['water'])).toBeNull();
    index.markComplete();
    expect(ids(index, 'water')).toEqual(['1']);
  });

  it('finds substrings of words in titles, notes and labels, every word required, in manual order', () => {
    const index = new SearchIndex();
    index.put([
      task('3', 'Plant tulips', { labels: ['garden'] }),
      task('1', 'Call Priya', { notes: 'about the budget' }),
      task('2', 'Budget review'),
    ]);
    index.markComplete();
    expect(ids(index, 'ant')).toEqual(['3']);
    expect(ids(index, 'BUDG')).toEqual(['1', '2']);
    expect(ids(index, 'budget', 'priya')).toEqual(['1']);
    expect(ids(index, 'arden')).toEqual(['3']);
    expect(ids(index, 'nothing')).toEqual([]);
  });

  it('says when its hits need checking: words with other characters than letters and digits', () => {
    const index = new SearchIndex();
    index.put([task('1', 'e-mail Sam'), task('2', 'email and mail')]);
    index.markComplete();
    expect(index.lookup(['email'])).toEqual({ hits: [{ id: '2', order: 2 }], exact: true });
    // "e-mail" is looked up as "e" and "mail": a superset the caller checks against the rows.
    expect(index.lookup(['e-mail'])).toEqual({
      hits: [
        { id: '1', order: 1 },
        { id: '2', order: 2 },
      ],
      exact: false,
    });
    expect(searchTokens('E-mail, Sam!')).toEqual(['e', 'mail', 'sam']);
  });

  it('follows rewrites and deletes, and leaves deleted and partial tasks out', () => {
    const index = new SearchIndex();
    index.put([
      task('1', 'Old title'),
      task('2', 'Gone soon'),
      task('3', 'Draft', { status: 'partial' }),
    ]);
    index.markComplete();
    index.put([task('1', 'New title')]);
    index.put([task('2', 'Gone soon', { status: 'deleted' })]);
    expect(ids(index, 'old')).toEqual([]);
    expect(ids(index, 'title')).toEqual(['1']);
    expect(ids(index, 'gone')).toEqual([]);
    expect(ids(index, 'draft')).toEqual([]);
    index.put([task('2', 'Gone soon', { status: 'done' })]);
    index.remove(['1']);
    expect(ids(index, 'o')).toEqual(['2']);
  });

  it('stays correct when many rewrites make it compact itself', () => {
    const index = new SearchIndex();
    index.put(Array.from({ length: 50 }, (_, i) => task(String(i), `task ${i}`)));
    index.markComplete();
    for (let round = 0; round < 60; round++)
      index.put(Array.from({ length: 50 }, (_, i) => task(String(i), `task ${i} round${round}`)));
    expect(ids(index, 'round59')).toHaveLength(50);
    expect(ids(index, 'round58')).toEqual([]);
    expect(ids(index, 'task', '7')).toEqual(['7', '17', '27', '37', '47']);
    // Words met after compacting join the rebuilt vocabulary.
    index.put([task('99', 'brand new words')]);
    expect(ids(index, 'rand')).toEqual(['99']);
    expect(ids(index, 'round5')).toHaveLength(50);
  });
});
