// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createRoot } from 'solid-js';
import { createTheme } from './theme';

describe('theme', () => {
  it('defaults to the system, and remembers a manual choice', () => {
    localStorage.clear();
    createRoot((dispose) => {
      const theme = createTheme(localStorage);
      expect(theme.theme()).toBe('system');
      expect(document.documentElement.hasAttribute('data-theme')).toBe(false);
      theme.setTheme('dark');
      expect(document.documentElement.getAttribute('data-theme')).toBe('dark');
      expect(localStorage.getItem('tend.theme')).toBe('dark');
      expect(createTheme(localStorage).theme()).toBe('dark');
      theme.setTheme('system');
      expect(localStorage.getItem('tend.theme')).toBeNull();
      expect(document.documentElement.hasAttribute('data-theme')).toBe(false);
      dispose();
    });
  });

  it('survives blocked storage', () => {
    const blocked = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('blocked');
      },
      removeItem: () => undefined,
    } as unknown as Storage;
    createRoot((dispose) => {
      const theme = createTheme(blocked);
      expect(theme.theme()).toBe('system');
      theme.setTheme('light');
      expect(theme.theme()).toBe('light');
      theme.setTheme('system');
      dispose();
    });
  });
});
