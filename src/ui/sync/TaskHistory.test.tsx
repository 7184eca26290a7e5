// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import axe from 'axe-core';
// The history is a live query, and liveQuery observes only a database on the global indexedDB.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClock, formatHlc } from '../../core/hlc';
import { applyMutation } from '../../core/merge';
import { openTendDb } from '../../db/database';
import type { TendDb } from '../../db/database';
import { createTasksStore } from '../../db/tasks-store';
import { toTaskRecord } from '../../db/task-index';
import { applyPage } from '../../sync/pull';
import { resetSyncStatus, updateSyncStatus } from '../../sync/status';
import { formatDuration, formatValue } from './format';
import { SyncProgress } from './SyncProgress';
import { TaskHistory } from './TaskHistory';

let db: TendDb;
afterEach(() => {
  cleanup();
  db?.close();
  resetSyncStatus();
});
const T0 = Date.parse('2026-11-26T09:00:00.000Z');

async function noViolations(container: HTMLElement) {
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  expect(result.violations.map((v) => v.id)).toEqual([]);
}

describe('<TaskHistory />', () => {
  it('lists values another device overwrote and restores one as a new local write', async () => {
    db = openTendDb(`history-${Math.random().toString(36).slice(2)}`);
    let time = T0;
    const clock = createClock({ now: () => time, nodeId: 'AAAAAAAAAAAAAAAA' });
    const store = createTasksStore({ db, clock, now: () => time });
    const task = await store.addTask({ title: 'Plan trip', notes: 'mine' });
    // The server's copy: another device changed the notes later.
    const local = toTaskRecord((await db.tasks.get(task.id))!);
    const remote = applyMutation(local, {
      id: 'r',
      taskId: task.id,
      hlc: formatHlc({ millis: T0 + 60_000, counter: 0, node: 'BBBBBBBBBBBBBBBB' }),
      changes: { notes: 'theirs' },
    }).record;
    await applyPage(db, [remote], '1', clock, T0 + 61_000);
    time = T0 + 120_000;

    const { container } = render(() => (
      <TaskHistory taskId={task.id} db={db} store={store} now={() => time} />
    ));
    expect(await screen.findByText(/your “mine” was replaced by “theirs”/)).toBeTruthy();
    await noViolations(container);
    fireEvent.click(screen.getByRole('button', { name: 'Restore Notes to “mine”' }));
    await vi.waitFor(() => expect(screen.getByRole('status').textContent).toBe('Notes restored.'));
    expect((await store.getTask(task.id))?.notes).toBe('mine');
    const [entry] = await db.outbox.orderBy('hlc').reverse().limit(1).toArray();
    expect(entry.changes).toEqual({ notes: 'mine' });
    // The entry stays, marked as restored, without a second Restore.
    expect(await screen.findByText(/^Restored /)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Restore/ })).toBeNull();
  });

  it('says so when nothing was overwritten', async () => {
    db = openTendDb(`history-empty-${Math.random().toString(36).slice(2)}`);
    render(() => (
      <TaskHistory
        taskId="00000000-0000-4000-8000-000000000000"
        db={db}
        store={{ updateTask: vi.fn() }}
      />
    ));
    expect(await screen.findByText(/No edits from other devices/)).toBeTruthy();
  });
});

describe('<SyncProgress />', () => {
  it('shows a labelled progress bar only during an initial sync', async () => {
    const { container } = render(() => <SyncProgress />);
    expect(container.querySelector('progress')).toBeNull();
    updateSyncStatus({ pull: { received: 1000, total: 10_000, initial: true, done: false } });
    const bar = screen.getByLabelText('Syncing your tasks: 1,000 of 10,000') as HTMLProgressElement;
    expect(bar.value).toBe(1000);
    expect(bar.max).toBe(10_000);
    await noViolations(container);
    updateSyncStatus({ pull: { received: 500, initial: true, done: false } });
    expect(screen.getByLabelText('Syncing your tasks: 500 received').hasAttribute('value')).toBe(
      false,
    );
    updateSyncStatus({ pull: { received: 5, total: 5, initial: false, done: false } });
    expect(container.querySelector('progress')).toBeNull();
  });
});

describe('format', () => {
  it('formats durations and values for people', () => {
    expect(formatDuration(40_000)).toBe('40 s');
    expect(formatDuration(5 * 60_000)).toBe('5 min');
    expect(formatDuration(2 * 3_600_000)).toBe('2 h');
    expect(formatValue(null)).toBe('(empty)');
    expect(formatValue([])).toBe('(none)');
    expect(formatValue(['a', 'b'])).toBe('a, b');
    expect(formatValue(3)).toBe('3');
    expect(formatValue(1, 'priority')).toBe('P1');
    expect(formatValue(['home', 'errands'], 'labels')).toBe('@home @errands');
    expect(formatValue('Work', 'project')).toBe('#Work');
    expect(formatValue('FREQ=DAILY', 'recurrence')).toBe('every day');
  });
});
