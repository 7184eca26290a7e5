// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createKeyInterpreter, isTypingTarget, shortcutSheet } from './keymap';

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

describe('shortcutSheet', () => {
  it('lists every shortcut once, under its group, with its keys as the keyboard shows them', () => {
    expect(shortcutSheet()).toEqual([
      {
        group: 'General',
        rows: [
          { keys: ['q'], description: 'Add a task (focus quick add)' },
          { keys: ['/'], description: 'Search' },
          { keys: ['?'], description: 'Show keyboard shortcuts' },
          { keys: ['Esc'], description: 'Close dialog, clear selection' },
          { keys: ['Ctrl', 'Z'], description: 'Undo (also ⌘Z)' },
        ],
      },
      {
        group: 'Navigation',
        rows: [
          { keys: ['g', 'i'], description: 'Go to Inbox' },
          { keys: ['g', 't'], description: 'Go to Today' },
          { keys: ['g', 'u'], description: 'Go to Upcoming' },
          { keys: ['g', 'c'], description: 'Go to Completed' },
          { keys: ['g', 'd'], description: 'Go to Trash' },
          { keys: ['g', 's'], description: 'Go to Settings' },
        ],
      },
      {
        group: 'Tasks',
        rows: [
          { keys: ['j', '↓'], description: 'Next task' },
          { keys: ['k', '↑'], description: 'Previous task' },
          { keys: ['Enter', 'e'], description: 'Open task details' },
          { keys: ['x'], description: 'Select or unselect task' },
          { keys: ['c'], description: 'Complete (or uncomplete) task' },
          { keys: ['Delete', '#'], description: 'Delete task (with Undo)' },
          { keys: ['Alt', '↑'], description: 'Move task up' },
          { keys: ['Alt', '↓'], description: 'Move task down' },
        ],
      },
    ]);
  });
});
