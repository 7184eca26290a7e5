import { describe, expect, it } from 'vitest';
import { parseQuickAdd } from '../../core/parse/quick-add';
import { chipKindName, chipLabel, highlightSegments, sharedText } from './chips';
import { loadParser } from './parser';
import { formatDue } from '../lib/dates';

const now = new Date(2026, 10, 26, 9, 0);

describe('quick-add chips', () => {
  it('labels chips with their meaning', () => {
    const text = 'Call mom tomorrow at 5pm p1 #Family @phone';
    const parsed = parseQuickAdd(text, { now });
    const labels = parsed.chips.map(
      (c) => `${chipKindName(c)}: ${chipLabel(c, parsed, '2026-11-26')}`,
    );
    expect(labels).toContain(`Due: ${formatDue('2026-11-27T17:00', '2026-11-26')}`);
    expect(labels).toContain('Priority: P1');
    expect(labels).toContain('Project: #Family');
    expect(labels).toContain('Label: @phone');
  });

  it('labels reminder chips with what they mean, each with its own reminder', () => {
    const parsed = parseQuickAdd('Meeting tomorrow at 10 !1h before !9am', { now });
    const labels = parsed.chips
      .filter((c) => c.kind === 'reminder')
      .map((c) => `${chipKindName(c)}: ${chipLabel(c, parsed, '2026-11-26')}`);
    expect(labels).toEqual([
      'Reminder: 1 h before',
      `Reminder: ${formatDue('2026-11-27T09:00', '2026-11-26')}`,
    ]);
  });

  it('describes recurrences in words once the parser chunk is loaded', async () => {
    await loadParser();
    const parsed = parseQuickAdd('Water plants every 3 days', { now });
    const chip = parsed.chips.find((c) => c.kind === 'recurrence');
    expect(chip).toBeDefined();
    expect(chipLabel(chip!, parsed, '2026-11-26')).toBe('every 3 days');
  });

  it('splits text into plain and highlighted runs that rebuild the text', () => {
    const text = 'Pay rent p2 #Home';
    const parsed = parseQuickAdd(text, { now });
    const segments = highlightSegments(text, parsed.chips);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments.filter((s) => s.kind).map((s) => s.kind)).toEqual(['priority', 'project']);
    // Overlapping or out-of-range chips are skipped rather than corrupting the text.
    const odd = highlightSegments('abc', [
      { kind: 'label', start: 0, end: 2, text: 'ab' },
      { kind: 'label', start: 1, end: 3, text: 'bc' },
      { kind: 'label', start: 2, end: 9, text: 'c' },
    ]);
    expect(odd.map((s) => s.text).join('')).toBe('abc');
  });

  it('joins shared title, text and URL without repeats', () => {
    expect(sharedText({ title: 'Article', text: 'Article', url: 'https://x.test/a' })).toBe(
      'Article https://x.test/a',
    );
    expect(sharedText({ text: '  Buy milk ' })).toBe('Buy milk');
    expect(sharedText({})).toBe('');
  });
});
