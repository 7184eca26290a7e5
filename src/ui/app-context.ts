// What every component can reach: the database and tasks store, the router, toasts, theme, the current
// local day, and the shell's imperative hooks (open a task, focus quick add). Tests build their own.
import { createContext, useContext } from 'solid-js';
import type { Accessor } from 'solid-js';
import type { Clock } from '../core/hlc';
import type { TendDb } from '../db/database';
import type { LabelSummary, ProjectSummary } from '../db/queries';
import type { TasksStore } from '../db/tasks-store';
import type { Router } from './router';
import type { Toasts } from './toast/toasts';
import type { Theme } from './theme/theme';
import type { PendingTasks } from './tasks/pending';

export interface AppServices {
  db: TendDb;
  store: TasksStore;
  /**
   * The device's hybrid logical clock (imports merge with the file's timestamps through it). A promise:
   * the page renders before the clock is read from IndexedDB, since only writes need it.
   */
  clock: Promise<Clock>;
  /** Wall clock, injected so tests control "today". */
  now: () => Date;
}

/** What keyboard shortcuts can do to the view on screen. */
export interface ViewController {
  next: () => void;
  previous: () => void;
  open: () => void;
  toggleSelect: () => void;
  complete: () => void;
  remove: () => void;
  moveUp: () => void;
  moveDown: () => void;
  /**
   * Puts the cursor on a new task once the live query shows it, scrolling only when it lands where
   * the user is looking (otherwise the view offers to show it).
   */
  reveal: (id: string) => void;
  /** Returns false when there was nothing to clear. */
  clearSelection: () => boolean;
}

interface ShellControls {
  openTask: (id: string) => void;
  closeTask: () => void;
  openShortcuts: () => void;
  focusQuickAdd: (text?: string) => void;
  focusSearch: () => void;
  /** The view registers itself while mounted; shortcuts act on it. */
  setViewController: (controller: ViewController | null) => void;
}

export interface AppContextValue extends AppServices, ShellControls {
  router: Router;
  toasts: Toasts;
  theme: Theme;
  /** Tasks captured but not yet returned by the live query (shown optimistically). */
  pending: PendingTasks;
  /** The local day `YYYY-MM-DD`, refreshed when the date changes. */
  today: Accessor<string>;
  /**
   * Live projects with their open counts (archived ones flagged), kept by the shell so views do not
   * count them again; absent in tests, where views query their own.
   */
  projectSummaries?: Accessor<ProjectSummary[]>;
  /** Live labels with their open counts, kept by the shell for the same reason; absent in tests. */
  labelSummaries?: Accessor<LabelSummary[]>;
  /** Reminder delivery on this device (src/ui/reminders/); absent in tests that do not need it. */
  reminders?: ReminderControls;
}

interface ReminderControls {
  /** After the user added a reminder: the moment to ask for the notification permission. */
  onReminderAdded(): void;
}

export const AppContext = createContext<AppContextValue>();

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp() outside <AppContext.Provider>');
  return value;
}
