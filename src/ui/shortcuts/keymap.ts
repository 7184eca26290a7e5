// The keyboard map: one table drives both the key handling and the "Keyboard shortcuts" sheet (and the
// documentation's list).

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

interface Shortcut {
  /** Keys as typed, a space separating a sequence ("g t"), a plus joining a modifier ("Alt+ArrowUp"). */
  keys: string;
  /** Other keys that do the same (ArrowDown beside j); the sheet lists them after `keys`. */
  also?: string[];
  action: ShortcutAction;
  description: string;
}

/** The sheet's groups, in its order; the handler reads every shortcut alike. */
const GROUPS: Record<string, Shortcut[]> = {
  General: [
    { keys: 'q', action: 'focus-quick-add', description: 'Add a task (focus quick add)' },
    { keys: '/', action: 'focus-search', description: 'Search' },
    { keys: '?', action: 'show-shortcuts', description: 'Show keyboard shortcuts' },
    { keys: 'Escape', action: 'clear-selection', description: 'Close dialog, clear selection' },
    { keys: 'Ctrl+z', action: 'undo', description: 'Undo (also ⌘Z)' },
  ],
  Navigation: [
    { keys: 'g i', action: 'go-inbox', description: 'Go to Inbox' },
    { keys: 'g t', action: 'go-today', description: 'Go to Today' },
    { keys: 'g u', action: 'go-upcoming', description: 'Go to Upcoming' },
    { keys: 'g c', action: 'go-completed', description: 'Go to Completed' },
    { keys: 'g d', action: 'go-trash', description: 'Go to Trash' },
    { keys: 'g s', action: 'go-settings', description: 'Go to Settings' },
  ],
  Tasks: [
    { keys: 'j', also: ['ArrowDown'], action: 'next', description: 'Next task' },
    { keys: 'k', also: ['ArrowUp'], action: 'previous', description: 'Previous task' },
    { keys: 'Enter', also: ['e'], action: 'open', description: 'Open task details' },
    { keys: 'x', action: 'toggle-select', description: 'Select or unselect task' },
    { keys: 'c', action: 'complete', description: 'Complete (or uncomplete) task' },
    { keys: 'Delete', also: ['#'], action: 'delete', description: 'Delete task (with Undo)' },
    { keys: 'Alt+ArrowUp', action: 'move-up', description: 'Move task up' },
    { keys: 'Alt+ArrowDown', action: 'move-down', description: 'Move task down' },
  ],
};

const SHORTCUTS = Object.values(GROUPS).flat();

/** How the sheet names a key where its `key` value is not what the keyboard shows. */
const KEY_NAMES: Record<string, string> = { Escape: 'Esc', ArrowUp: '↑', ArrowDown: '↓' };

/** The keys as the sheet shows them: each key of a sequence or combination, then the other keys. */
function shownKeys(shortcut: Shortcut): string[] {
  const [first, ...rest] = shortcut.keys.split(/[ +]/);
  // A letter held with a modifier is shown as printed on the key (Ctrl Z).
  const combined = shortcut.keys.includes('+')
    ? rest.map((k) => (k.length === 1 ? k.toUpperCase() : k))
    : rest;
  return [first, ...combined, ...(shortcut.also ?? [])].map((k) => KEY_NAMES[k] ?? k);
}

/** The "Keyboard shortcuts" sheet, group by group: each shortcut's keys as shown and what it does. */
export function shortcutSheet(): {
  group: string;
  rows: { keys: string[]; description: string }[];
}[] {
  return Object.entries(GROUPS).map(([group, shortcuts]) => ({
    group,
    rows: shortcuts.map((s) => ({ keys: shownKeys(s), description: s.description })),
  }));
}

interface KeyLike {
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
export function createKeyInterpreter() {
  let pending: { key: string; at: number } | null = null;
  const prefixes = new Set(
    SHORTCUTS.filter((s) => s.keys.includes(' ')).map((s) => s.keys.split(' ')[0]),
  );

  return function interpret(event: KeyLike, now: number): ShortcutAction | null {
    if (event.ctrlKey || event.metaKey) return null;
    const key = event.altKey ? `Alt+${event.key}` : event.key;
    if (pending && now - pending.at <= SEQUENCE_TIMEOUT_MS) {
      const sequence = `${pending.key} ${key}`;
      pending = null;
      const match = SHORTCUTS.find((s) => s.keys === sequence);
      if (match) return match.action;
    }
    pending = null;
    if (prefixes.has(key)) {
      pending = { key, at: now };
      return null;
    }
    return SHORTCUTS.find((s) => s.keys === key || s.also?.includes(key))?.action ?? null;
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
