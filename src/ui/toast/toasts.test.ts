import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRoot } from 'solid-js';
import { createToasts } from './toasts';

afterEach(() => vi.useRealTimers());

describe('toasts', () => {
  it('shows one at a time: a newer notice replaces the older instead of stacking', () => {
    vi.useFakeTimers();
    createRoot((dispose) => {
      const toasts = createToasts();
      toasts.show('one');
      toasts.show('two', { timeout: 0 });
      expect(toasts.toasts().map((t) => t.message)).toEqual(['two']);
      toasts.show('three');
      vi.advanceTimersByTime(5000);
      expect(toasts.toasts()).toEqual([]);
      dispose();
    });
  });

  it('pauses while hovered or focused and resumes with the time it had left', () => {
    vi.useFakeTimers();
    createRoot((dispose) => {
      const toasts = createToasts(globalThis, Date.now);
      const id = toasts.show('Deleted', { action: { label: 'Undo', run: vi.fn() } });
      vi.advanceTimersByTime(6000);
      toasts.pause(id);
      vi.advanceTimersByTime(60_000);
      expect(toasts.toasts().map((t) => t.message)).toEqual(['Deleted']);
      toasts.resume(id);
      vi.advanceTimersByTime(1500);
      expect(toasts.toasts()).toHaveLength(1);
      vi.advanceTimersByTime(600);
      expect(toasts.toasts()).toEqual([]);
      dispose();
    });
  });

  it('runs the action once and dismisses the toast; the newest action runs from the keyboard', async () => {
    await createRoot(async (dispose) => {
      const toasts = createToasts();
      const run = vi.fn();
      const id = toasts.show('Deleted', { action: { label: 'Undo', run } });
      await toasts.runAction(id);
      await toasts.runAction(id);
      expect(run).toHaveBeenCalledTimes(1);
      expect(toasts.toasts()).toEqual([]);
      const undo = vi.fn();
      toasts.show('Completed', { action: { label: 'Undo', run: undo } });
      const undoLater = vi.fn();
      toasts.show('Deleted', { action: { label: 'Undo', run: undoLater } });
      // Ctrl+Z walks back: the newest first, then the one whose toast was already replaced.
      expect(toasts.runLatestAction()).toBe(true);
      expect(undoLater).toHaveBeenCalledTimes(1);
      expect(toasts.runLatestAction()).toBe(true);
      expect(undo).toHaveBeenCalledTimes(1);
      expect(toasts.runLatestAction()).toBe(false);
      dispose();
    });
  });
});
