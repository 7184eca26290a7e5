import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRoot } from 'solid-js';
import { createTask } from '../../core/task';
import { createPendingTasks } from './pending';

afterEach(() => vi.useRealTimers());
const now = new Date('2026-11-26T09:00:00.000Z');
const stored = createTask(
  { title: 'Buy milk' },
  { id: '00000000-0000-4000-8000-000000000001', now: now.toISOString() },
);

describe('pending tasks', () => {
  it('shows a provisional task, then the stored one, until a view has it', async () => {
    vi.useFakeTimers();
    await createRoot(async (dispose) => {
      const pending = createPendingTasks();
      const key = pending.add({ title: 'Buy milk', labels: ['shop'] }, now);
      const [provisional] = pending.tasks();
      expect(provisional).toMatchObject({
        id: key,
        title: 'Buy milk',
        labels: ['shop'],
        priority: 4,
      });
      const waited = pending.stored(provisional);
      pending.resolve(key, stored);
      expect(await waited).toBe(stored);
      expect(pending.tasks()).toEqual([stored]);
      pending.settle(new Set(['something-else']));
      expect(pending.tasks()).toHaveLength(1);
      pending.settle(new Set([stored.id]));
      expect(pending.tasks()).toEqual([]);
      expect(await pending.stored(stored)).toBe(stored);
      dispose();
    });
  });

  it('drops a failed capture and forgets resolved ones after a while', async () => {
    vi.useFakeTimers();
    await createRoot(async (dispose) => {
      const pending = createPendingTasks();
      const failed = pending.add({ title: 'x' }, now);
      const waited = pending.stored(pending.tasks()[0]);
      pending.remove(failed);
      expect(await waited).toBeNull();
      const key = pending.add({ title: 'Elsewhere', project: 'Work' }, now);
      pending.resolve(key, stored);
      vi.advanceTimersByTime(3000);
      expect(pending.tasks()).toEqual([]);
      dispose();
    });
  });
});
