import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRoot } from 'solid-js';
import { createToasts } from './toasts';

afterEach(() => vi.useRealTimers());

describe('toasts', () => {
  it('shows, times out, and keeps at most three', () => {
    vi.useFakeTimers();
    createRoot((dispose) => {
      const toasts = createToasts();
      toasts.show('one');
      toasts.show('two', { timeout: 0 });
      expect(toasts.toasts().map((t) => t.message)).toEqual(['one', 'two']);
      vi.advanceTimersByTime(5000);
      expect(toasts.toasts().map((t) => t.message)).toEqual(['two']);
      toasts.show('three');
      toasts.show('four');
      toasts.show('five');
      expect(toasts.toasts().map((t) => t.message)).toEqual(['three', 'four', 'five']);
      dispose();
    });
  });

  it('runs the action once and dismisses the toast', async () => {
    await createRoot(async (dispose) => {
      const toasts = createToasts();
      const run = vi.fn();
      const id = toasts.show('Deleted', { action: { label: 'Undo', run } });
      await toasts.runAction(id);
      await toasts.runAction(id);
      expect(run).toHaveBeenCalledTimes(1);
      expect(toasts.toasts()).toEqual([]);
      dispose();
    });
  });
});
