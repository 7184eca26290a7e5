// The keyboard map: one table drives both the key handling and the "Keyboard shortcuts" sheet.

export type ShortcutAction =
  | 'focus-quick-add'
  | 'focus-search'
  | 'go-inbox'
  | 'go-today'
  | 'go-upcoming'
  | 'go-completed'
  | 'go-trash'
  | 'go-settings'
  | 'show-shortcuts'
  | 'next'
  | 'previous'
  | 'open'
  | 'toggle-select'
  | 'complete'
  | 'delete'
  | 'move-up'
  | 'move-down'
  | 'clear-selection'
  /** Handled before the interpreter (it carries Ctrl/Cmd); listed here for the sheet. */
  | 'undo';

export const SHORTCUT_GROUPS = ['General', 'Navigation', 'Tasks'] as const;

export interface Shortcut {
  /** Keys as typed, a space separating a sequence ("g t"). */
  keys: string;
  /** Other keys that do the same (ArrowDown beside j); the sheet lists them through `display`. */
  also?: string[];
  /** What the sheet shows when it differs from `keys`. */
  display?: string[];
  action: ShortcutAction;
  description: string;
  group: (typeof SHORTCUT_GROUPS)[number];
}

export const SHORTCUTS: Shortcut[] = [
  {
    keys: 'q',
    action: 'focus-quick-add',
    description: 'Add a task (focus quick add)',
    group: 'General',
  },
  { keys: '/', action: 'focus-search', description: 'Search', group: 'General' },
  { keys: '?', action: 'show-shortcuts', description: 'Show keyboard shortcuts', group: 'General' },
  {
    keys: 'Escape',
    display: ['Esc'],
    action: 'clear-selection',
    description: 'Close dialog, clear selection',
    group: 'General',
  },
  { keys: 'g i', action: 'go-inbox', description: 'Go to Inbox', group: 'Navigation' },
  { keys: 'g t', action: 'go-today', description: 'Go to Today', group: 'Navigation' },
  { keys: 'g u', action: 'go-upcoming', description: 'Go to Upcoming', group: 'Navigation' },
  { keys: 'g c', action: 'go-completed', description: 'Go to Completed', group: 'Navigation' },
  { keys: 'g d', action: 'go-trash', description: 'Go to Trash', group: 'Navigation' },
  { keys: 'g s', action: 'go-settings', description: 'Go to Settings', group: 'Navigation' },
  {
    keys: 'j',
    also: ['ArrowDown'],
    display: ['j', '↓'],
    action: 'next',
    description: 'Next task',
    group: 'Tasks',
  },
  {
    keys: 'k',
    also: ['ArrowUp'],
    display: ['k', '↑'],
    action: 'previous',
    description: 'Previous task',
    group: 'Tasks',
  },
  {
    keys: 'Enter',
    also: ['e'],
    display: ['Enter', 'e'],
    action: 'open',
    description: 'Open task details',
    group: 'Tasks',
  },
  { keys: 'x', action: 'toggle-select', description: 'Select or unselect task', group: 'Tasks' },
  { keys: 'c', action: 'complete', description: 'Complete (or uncomplete) task', group: 'Tasks' },
  {
    keys: 'Delete',
    also: ['#'],
    display: ['Delete', '#'],
    action: 'delete',
    description: 'Delete task (with Undo)',
    group: 'Tasks',
  },
  {
    keys: 'Ctrl+z',
    display: ['Ctrl', 'Z'],
    action: 'undo',
    description: 'Undo (also ⌘Z)',
    group: 'General',
  },
  {
    keys: 'Alt+ArrowUp',
    display: ['Alt', '↑'],
    action: 'move-up',
    description: 'Move task up',
    group: 'Tasks',
  },
  {
    keys: 'Alt+ArrowDown',
    display: ['Alt', '↓'],
    action: 'move-down',
    description: 'Move task down',
    group: 'Tasks',
  },
];

/** Rows of the sheet, one per shortcut: keys from `display` or the key sequence. */
export function shortcutSheetRows(): {
  group: Shortcut['group'];
  keys: string[];
  description: string;
}[] {
  return SHORTCUTS.map((s) => ({
    group: s.group,
    keys: s.display ?? s.keys.split(' '),
    description: s.description,
  }));
}

export interface KeyLike {
  key: string;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
}

const SEQUENCE_TIMEOUT_MS = 1200;

/**
 * A small state machine for single keys and two-key sequences ("g t"). `now` is injected so the
 * sequence timeout is testable without timers.
 */
export function createKeyInterpreter(shortcuts: Shortcut[] = SHORTCUTS) {
  let pending: { key: string; at: number } | null = null;
  const prefixes = new Set(
    shortcuts.filter((s) => s.keys.includes(' ')).map((s) => s.keys.split(' ')[0]),
  );

  return function interpret(event: KeyLike, now: number): ShortcutAction | null {
    if (event.ctrlKey || event.metaKey) return null;
    const key = event.altKey ? `Alt+${event.key}` : event.key;
    if (pending && now - pending.at <= SEQUENCE_TIMEOUT_MS) {
      const sequence = `${pending.key} ${key}`;
      pending = null;
      const match = shortcuts.find((s) => s.keys === sequence);
      if (match) return match.action;
    }
    pending = null;
    if (prefixes.has(key)) {
      pending = { key, at: now };
      return null;
    }
    return shortcuts.find((s) => s.keys === key || s.also?.includes(key))?.action ?? null;
  };
}

/** Ctrl+Z, or Cmd+Z on a Mac: undo (Shift would be redo). */
export function isUndoKey(event: KeyLike & { shiftKey?: boolean }): boolean {
  return (
    (event.ctrlKey === true || event.metaKey === true) &&
    !event.altKey &&
    !event.shiftKey &&
    event.key.toLowerCase() === 'z'
  );
}

/** Typing in a field must never trigger shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const element = target as HTMLElement;
  if (element.isContentEditable) return true;
  if (element.tagName === 'TEXTAREA' || element.tagName === 'SELECT') return true;
  if (element.tagName === 'INPUT') {
    const type = (element as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(
      type,
    );
  }
  return false;
}
