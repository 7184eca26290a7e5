// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { SHORTCUTS, createKeyInterpreter, isTypingTarget, shortcutSheetRows } from './keymap';

describe('createKeyInterpreter', () => {
  it('maps single keys', () => {
    const interpret = createKeyInterpreter();
    expect(interpret({ key: 'q' }, 0)).toBe('focus-quick-add');
    expect(interpret({ key: '/' }, 0)).toBe('focus-search');
    expect(interpret({ key: '?' }, 0)).toBe('show-shortcuts');
    expect(interpret({ key: 'j' }, 0)).toBe('next');
    expect(interpret({ key: 'ArrowUp' }, 0)).toBe('previous');
    expect(interpret({ key: 'x' }, 0)).toBe('toggle-select');
    expect(interpret({ key: 'ArrowUp', altKey: true }, 0)).toBe('move-up');
    expect(interpret({ key: 'z' }, 0)).toBeNull();
  });

  it('recognises two-key sequences within the timeout', () => {
    const interpret = createKeyInterpreter();
    expect(interpret({ key: 'g' }, 0)).toBeNull();
    expect(interpret({ key: 't' }, 500)).toBe('go-today');
    expect(interpret({ key: 'g' }, 1000)).toBeNull();
    expect(interpret({ key: 'i' }, 1100)).toBe('go-inbox');
    // Too slow: the second key counts on its own.
    expect(interpret({ key: 'g' }, 2000)).toBeNull();
    expect(interpret({ key: 'c' }, 5000)).toBe('complete');
  });

  it('ignores keys with Ctrl or Meta (browser shortcuts)', () => {
    const interpret = createKeyInterpreter();
    expect(interpret({ key: 'q', ctrlKey: true }, 0)).toBeNull();
    expect(interpret({ key: 'c', metaKey: true }, 0)).toBeNull();
  });
});

describe('isTypingTarget', () => {
  it('is true for text fields and false for controls', () => {
    const make = (html: string) => {
      const div = document.createElement('div');
      div.innerHTML = html;
      return div.firstElementChild;
    };
    expect(isTypingTarget(make('<input type="text">'))).toBe(true);
    expect(isTypingTarget(make('<input type="search">'))).toBe(true);
    expect(isTypingTarget(make('<textarea></textarea>'))).toBe(true);
    expect(isTypingTarget(make('<select></select>'))).toBe(true);
    expect(isTypingTarget(make('<input type="checkbox">'))).toBe(false);
    expect(isTypingTarget(make('<button></button>'))).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
    const editable = make('<div contenteditable="true"></div>') as HTMLElement;
    Object.defineProperty(editable, 'isContentEditable', { value: true });
    expect(isTypingTarget(editable)).toBe(true);
  });
});

describe('shortcutSheetRows', () => {
  it('lists each described action once, with every action of the keymap covered', () => {
    const rows = shortcutSheetRows();
    const descriptions = rows.map((r) => r.description);
    expect(new Set(descriptions).size).toBe(descriptions.length);
    for (const shortcut of SHORTCUTS) expect(descriptions).toContain(shortcut.description);
    expect(rows.find((r) => r.description === 'Go to Today')?.keys).toEqual(['g', 't']);
  });
});
