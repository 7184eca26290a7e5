// The default reminder for tasks with a due time (minutes before, or none), a setting of this device kept
// in localStorage and read synchronously by quick add.
import { createSignal } from 'solid-js';
import { MAX_REMINDER_BEFORE_MINUTES } from '../../core/task-shape';

const STORAGE_KEY = 'tend.defaultReminder';

/** The choices the settings page offers, in minutes before the due time. */
export const DEFAULT_REMINDER_CHOICES = [0, 10, 30, 60, 1440] as const;

/** The default reminder now (quick add reads it at each capture). */
export function readDefaultReminder(
  storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage,
): number | null {
  const value = Number(storage?.getItem(STORAGE_KEY) ?? NaN);
  return Number.isInteger(value) && value >= 0 && value <= MAX_REMINDER_BEFORE_MINUTES
    ? value
    : null;
}

export function createReminderPrefs(
  storage:
    Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined = globalThis.localStorage,
) {
  const [defaultBefore, setDefault] = createSignal<number | null>(readDefaultReminder(storage));
  return {
    defaultBefore,
    setDefaultBefore(minutes: number | null): void {
      setDefault(minutes);
      try {
        if (minutes === null) storage?.removeItem(STORAGE_KEY);
        else storage?.setItem(STORAGE_KEY, String(minutes));
      } catch {
        // Storage full or blocked: the choice still holds for this session.
      }
    },
  };
}
