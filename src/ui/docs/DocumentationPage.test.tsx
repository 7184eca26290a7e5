// @vitest-environment jsdom
// The guide cannot drift from the app: every word of the parser's vocabulary is on the page, every example
// shows what syntax-guide.ts says it means, and every shortcut of the keymap is listed.
import { cleanup, render, screen, within } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { KEYWORD_RULES } from '../../core/parse/recurrence-rules';
import { QUICK_ADD_GUIDE } from '../../core/parse/syntax-guide';
import { DAY_PARTS } from '../../core/parse/time-rules';
import {
  DATE_CONNECTORS,
  MONTH_NAMES,
  NUMBER_WORDS,
  ORDINAL_WORDS,
  QUANTITY_WORDS,
  WEEKDAY_NAMES,
} from '../../core/parse/vocabulary';
import { shortcutSheet } from '../shortcuts/keymap';
import DocumentationPage from './DocumentationPage';

afterEach(cleanup);

const codeTexts = () =>
  new Set(Array.from(document.querySelectorAll('code'), (c) => c.textContent));

describe('the documentation page', () => {
  it('lists every word of the quick-add vocabulary', () => {
    render(() => <DocumentationPage />);
    const shown = codeTexts();
    const vocabulary = [
      ...MONTH_NAMES,
      ...WEEKDAY_NAMES,
      ...Object.keys(NUMBER_WORDS),
      ...Object.keys(ORDINAL_WORDS),
      ...DATE_CONNECTORS,
      ...QUANTITY_WORDS,
      ...Object.keys(DAY_PARTS),
      ...Object.keys(KEYWORD_RULES),
    ];
    expect(vocabulary.filter((word) => !shown.has(word))).toEqual([]);
  });

  it('shows a word the moment the parser learns it', () => {
    QUANTITY_WORDS.add('parsecs');
    try {
      render(() => <DocumentationPage />);
      expect(codeTexts().has('parsecs')).toBe(true);
    } finally {
      QUANTITY_WORDS.delete('parsecs');
    }
  });

  it('shows each example with the reading the guide promises', () => {
    render(() => <DocumentationPage />);
    for (const example of QUICK_ADD_GUIDE.flatMap((s) => s.examples)) {
      const cell = screen.getAllByText(example.text, { selector: 'code' })[0];
      const reading = cell.closest('tr')!.querySelector('.doc-reading')!.textContent ?? '';
      expect(reading, example.text).toContain(`“${example.means.title}”`);
      if (example.means.due)
        expect(reading).toContain(`due ${example.means.due.replace('T', ' ')}`);
      if (example.means.due === null) expect(reading).not.toContain('due ');
      if (example.means.project) expect(reading).toContain(`project ${example.means.project}`);
      for (const label of example.means.labels ?? []) expect(reading).toContain(`label ${label}`);
      if (example.means.priority) expect(reading).toContain(`priority p${example.means.priority}`);
      if (example.means.recurrence) expect(reading).toMatch(/every|each/i);
    }
  });

  it('lists every keyboard shortcut of the keymap, and links the API reference', () => {
    render(() => <DocumentationPage />);
    const section = screen.getByRole('region', { name: 'Keyboard shortcuts' });
    for (const { description } of shortcutSheet().flatMap((g) => g.rows)) {
      expect(within(section).getAllByText(description).length).toBeGreaterThan(0);
    }
    expect(screen.getByRole('link', { name: /API reference/ }).getAttribute('href')).toBe(
      '/documentation/api',
    );
    for (const name of ['Offline and sync', 'Install on desktop and phone', 'Your account']) {
      expect(screen.getByRole('heading', { name })).toBeTruthy();
    }
    expect(screen.getByRole('heading', { name: /Privacy/ })).toBeTruthy();
  });
});
