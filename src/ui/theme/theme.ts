// Theme preference: follows the system by default; a manual choice is remembered on this device.
import { createSignal } from 'solid-js';

export type ThemePreference = 'system' | 'light' | 'dark';
const STORAGE_KEY = 'tend.theme';

function readPreference(storage: Storage | undefined): ThemePreference {
  try {
    const value = storage?.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

/** Applies the preference as `data-theme` on <html>; the CSS does the rest with prefers-color-scheme. */
function applyTheme(
  preference: ThemePreference,
  root: HTMLElement = document.documentElement,
): void {
  if (preference === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', preference);
}

export function createTheme(storage: Storage | undefined = globalThis.localStorage) {
  const [theme, setThemeSignal] = createSignal<ThemePreference>(readPreference(storage));
  applyTheme(readPreference(storage));
  function setTheme(preference: ThemePreference) {
    setThemeSignal(preference);
    applyTheme(preference);
    try {
      if (preference === 'system') storage?.removeItem(STORAGE_KEY);
      else storage?.setItem(STORAGE_KEY, preference);
    } catch {
      // Storage can be blocked (private mode); the choice then lasts for this session only.
    }
  }
  return { theme, setTheme };
}

export type Theme = ReturnType<typeof createTheme>;
