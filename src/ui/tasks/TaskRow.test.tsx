// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { createTask } from '../../core/task';
import type { TaskFields } from '../../core/task';
import { formatDue, formatTime } from '../lib/dates';
import type { ComponentProps } from 'solid-js';
import { TaskRow } from './TaskRow';

afterEach(() => cleanup());

const now = new Date(2026, 10, 26, 9, 0);
const make = (fields: Partial<TaskFields>) =>
  createTask(
    { title: 'Send invoice', ...fields },
    { id: '00000000-0000-4000-8000-000000000001', now: '2026-11-26T09:00:00.000Z' },
  );

type TaskRowProps = ComponentProps<typeof TaskRow>;

function renderRow(props: Partial<TaskRowProps> & Pick<TaskRowProps, 'task'>) {
  const handlers = {
    onToggleComplete: vi.fn(),
    onOpen: vi.fn(),
    onSelect: vi.fn(),
    onFocusRow: vi.fn(),
  };
  render(() => (
    <ul>
      <TaskRow
        today="2026-11-26"
        now={now}
        isCursor
        isSelected={false}
        reorderable
        {...handlers}
        {...props}
      />
    </ul>
  ));
  return handlers;
}

describe('<TaskRow />', () => {
  it('names the checkbox by the title and shows priority, due, recurrence, project and labels', () => {
    renderRow({
      task: make({
        priority: 1,
        due: '2026-11-27T09:00',
        recurrence: 'FREQ=WEEKLY',
        project: 'Work',
        labels: ['billing'],
      }),
    });
    const box = screen.getByRole('checkbox', { name: 'Send invoice' });
    expect(box.className).toContain('p1');
    expect(screen.getByText(formatDue('2026-11-27T09:00', '2026-11-26'))).toBeTruthy();
    expect(screen.getByText('Repeats')).toBeTruthy();
    expect(screen.getByText('#Work')).toBeTruthy();
    expect(screen.getByText('@billing')).toBeTruthy();
    expect(screen.getByText('P1')).toBeTruthy();
  });

  it('marks overdue dues and keeps only the time under the task’s own day heading', () => {
    renderRow({ task: make({ due: '2026-11-20' }) });
    const overdue = screen.getByText(formatDue('2026-11-20', '2026-11-26')).closest('.meta-due')!;
    expect(overdue.classList.contains('is-overdue')).toBe(true);
    expect(overdue.textContent).toContain('(overdue)');
    cleanup();
    renderRow({
      task: make({ due: '2026-11-26T17:30' }),
      groupDay: '2026-11-26',
      hideProject: true,
    });
    expect(screen.getByText(formatTime('2026-11-26T17:30'))).toBeTruthy();
    expect(screen.queryByText(/Today/)).toBeNull();
  });

  it('asks the list to complete, open or select', () => {
    const task = make({});
    const handlers = renderRow({ task });
    const box = screen.getByRole('checkbox', { name: 'Send invoice' }) as HTMLInputElement;
    fireEvent.click(box);
    expect(handlers.onToggleComplete).toHaveBeenCalledWith(task);
    expect(box.checked).toBe(false); // the store decides; the live query re-renders
    const title = screen.getByRole('button', { name: 'Send invoice' });
    fireEvent.click(title);
    expect(handlers.onOpen).toHaveBeenCalledWith(task);
    fireEvent.click(title, { shiftKey: true });
    expect(handlers.onSelect).toHaveBeenLastCalledWith(task, 'range');
    fireEvent.click(title, { metaKey: true });
    expect(handlers.onSelect).toHaveBeenLastCalledWith(task, 'toggle');
  });
});
