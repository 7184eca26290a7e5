// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import { createTask } from '../../core/task';
import { App } from '../App';
import { createTestContext, createTestServices, WithApp } from '../testing';
import type { TestServices } from '../testing';
import { createTaskActions } from './actions';
import { TaskList } from './TaskList';
import { createSelection } from './selection';
import type { ListItem } from './list-model';

let services: TestServices;
beforeEach(async () => {
  window.history.replaceState(null, '', '/inbox');
  services = await createTestServices();
});
afterEach(() => cleanup());

const key = (k: string, init: KeyboardEventInit = {}) =>
  fireEvent.keyDown(document.activeElement ?? document.body, { key: k, ...init });
const titles = () => screen.getAllByRole('checkbox').map((c) => c.getAttribute('aria-label'));

describe('<TaskList />', () => {
  it('renders only the visible window of 10,000 tasks', () => {
    const items: ListItem[] = Array.from({ length: 10_000 }, (_, i) => {
      const task = createTask(
        { title: `Task ${i}`, order: i },
        {
          id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          now: '2026-11-26T09:00:00.000Z',
        },
      );
      return { kind: 'task', key: task.id, task, group: 'all' };
    });
    const context = createTestContext(services);
    render(() => (
      <WithApp value={context}>
        <TaskList
          items={items}
          label="All tasks"
          selection={createSelection()}
          actions={createTaskActions({
            store: services.store,
            toasts: context.toasts,
            today: context.today,
          })}
          reorderable
          onOpen={() => undefined}
        />
      </WithApp>
    ));
    const list = screen.getByRole('list', { name: 'All tasks' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(40);
    expect(list.style.height).toBe(`${10_000 * 56}px`);
    // Scrolling far down swaps the rendered rows for the ones in view.
    const viewport = list.parentElement!;
    viewport.scrollTop = 5000 * 56;
    fireEvent.scroll(viewport);
    expect(within(list).getByRole('checkbox', { name: 'Task 5000' })).toBeTruthy();
    expect(within(list).queryByRole('checkbox', { name: 'Task 0' })).toBeNull();
  });
});

describe('task list keyboard and bulk actions', () => {
  async function setup() {
    for (const title of ['Alpha', 'Bravo', 'Charlie']) await services.store.addTask({ title });
    render(() => <App {...services} />);
    await screen.findByRole('checkbox', { name: 'Charlie' });
  }

  it('moves with j/k, reorders with Alt+Arrow, and opens with Enter', async () => {
    await setup();
    key('j');
    expect(document.activeElement).toBe(screen.getByRole('checkbox', { name: 'Alpha' }));
    key('j');
    expect(document.activeElement).toBe(screen.getByRole('checkbox', { name: 'Bravo' }));
    key('k');
    expect(document.activeElement).toBe(screen.getByRole('checkbox', { name: 'Alpha' }));
    key('ArrowDown', { altKey: true });
    await waitFor(() => expect(titles()).toEqual(['Bravo', 'Alpha', 'Charlie']));
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('checkbox', { name: 'Alpha' })),
    );
    key('ArrowUp', { altKey: true });
    await waitFor(() => expect(titles()).toEqual(['Alpha', 'Bravo', 'Charlie']));
    key('e');
    expect(
      await screen.findByRole('dialog', { name: 'Task details' }, { timeout: 5000 }),
    ).toBeTruthy();
  });

  it('selects with x and completes, moves and deletes in bulk', async () => {
    await setup();
    key('j');
    key('x');
    key('j');
    key('x');
    const bar = await screen.findByRole('region', { name: 'Selected tasks' });
    expect(within(bar).getByText('2 selected')).toBeTruthy();
    fireEvent.change(within(bar).getByLabelText('Move selected tasks to'), {
      target: { value: 'Errands' },
    });
    // "Errands" is not an option yet: nothing moves.
    expect((await services.db.tasks.toArray()).filter((t) => t.project === 'Errands')).toHaveLength(
      0,
    );

    fireEvent.click(within(bar).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(titles()).toEqual(['Charlie']));
    expect(await screen.findByText('Deleted 2 tasks')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(titles()).toEqual(['Alpha', 'Bravo', 'Charlie']));

    // Ctrl-click selects too; Escape clears the selection.
    fireEvent.click(screen.getByRole('button', { name: 'Charlie' }), { ctrlKey: true });
    expect(await screen.findByText('1 selected')).toBeTruthy();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'Selected tasks' })).toBeNull(),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Alpha' }), { shiftKey: true });
    fireEvent.click(screen.getByRole('button', { name: 'Charlie' }), { shiftKey: true });
    expect(await screen.findByText('3 selected')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Complete' }));
    expect(await screen.findByText('Completed 3 tasks')).toBeTruthy();
    expect(await screen.findByText('Your inbox is clear')).toBeTruthy();
  });

  it('completes with c and moves a selection to a project', async () => {
    await services.store.addTask({ title: 'Filed', project: 'Home' });
    await setup();
    key('j');
    key('c');
    await waitFor(() => expect(titles()).toEqual(['Bravo', 'Charlie']));
    key('x');
    const bar = await screen.findByRole('region', { name: 'Selected tasks' });
    const move = within(bar).getByLabelText('Move selected tasks to') as HTMLSelectElement;
    await waitFor(() => expect([...move.options].map((o) => o.value)).toContain('Home'));
    fireEvent.change(move, { target: { value: 'Home' } });
    await waitFor(() => expect(titles()).toEqual(['Charlie']));
    expect(await screen.findByText('Moved 1 task to Home')).toBeTruthy();
  });
});
