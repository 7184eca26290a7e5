// @vitest-environment jsdom
// The shell end to end in jsdom over a real Dexie database (fake-indexeddb): capture, complete, delete
// with Undo, shortcuts, navigation and the detail dialog.
import 'fake-indexeddb/auto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import { App } from './App';
import { loadParser } from './quick-add/parser';
import { createTestServices } from './testing';
import type { TestServices } from './testing';

let services: TestServices;

beforeAll(async () => {
  // The page loads the parser just after first paint; tests start once it is there.
  await loadParser();
});

beforeEach(async () => {
  window.history.replaceState(null, '', '/inbox');
  services = await createTestServices();
});
afterEach(() => cleanup());

function renderApp() {
  return render(() => <App {...services} />);
}

const quickAdd = () => screen.getByRole('textbox', { name: 'Quick add' });
const key = (k: string, init: KeyboardEventInit = {}) =>
  fireEvent.keyDown(document.body, { key: k, ...init });

async function capture(text: string) {
  fireEvent.input(quickAdd(), { target: { value: text } });
  fireEvent.submit(quickAdd().closest('form')!);
}

describe('<App />', () => {
  it('has the landmarks and names other tools drive it by', async () => {
    renderApp();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    for (const name of ['Inbox', 'Today', 'Upcoming', 'Completed', 'Settings']) {
      expect(within(nav).getByRole('link', { name })).toBeTruthy();
    }
    expect(screen.getByRole('searchbox', { name: 'Search' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toMatch(/Local only|Offline/);
    expect(screen.getByRole('banner')).toBeTruthy();
    expect(screen.getByRole('main')).toBeTruthy();
    expect(await screen.findByRole('heading', { level: 1, name: 'Inbox' })).toBeTruthy();
    expect(document.title).toBe('Inbox · Tend');
    expect(await screen.findByText('Your inbox is clear')).toBeTruthy();
  });

  it('captures a task on Enter: the box clears, the row appears, counts update', async () => {
    renderApp();
    await capture('Buy milk @errands p2');
    expect(quickAdd()).toHaveProperty('value', '');
    const box = await screen.findByRole('checkbox', { name: 'Buy milk' });
    expect(box.className).toContain('p2');
    expect(screen.getByText('@errands')).toBeTruthy();
    await waitFor(() => expect(screen.getByText('1 task')).toBeTruthy());
    const inboxLink = screen.getByRole('link', { name: 'Inbox' });
    await waitFor(() => expect(inboxLink.textContent).toContain('1'));
    expect(inboxLink.getAttribute('aria-current')).toBe('page');
    const stored = await services.db.tasks.toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ title: 'Buy milk', labels: ['errands'], priority: 2 });
  });

  it('keeps its place when a new task lands out of sight, and offers to show it', async () => {
    await services.store.addTasks(
      Array.from({ length: 80 }, (_, i) => ({ title: `Existing ${i}` })),
    );
    renderApp();
    await screen.findByRole('checkbox', { name: 'Existing 0' });
    await capture('Brand new task');
    fireEvent.click(await screen.findByRole('button', { name: 'Show' }, { timeout: 5000 }));
    expect(await screen.findByRole('checkbox', { name: 'Brand new task' })).toBeTruthy();
    expect(screen.queryByRole('checkbox', { name: 'Existing 0' })).toBeNull();
  });

  it('says where a task went when it lands outside the view, and refuses an empty title', async () => {
    renderApp();
    await capture('Plan offsite #Work');
    expect(await screen.findByText('Added “Plan offsite” to Work')).toBeTruthy();
    // Opening that view while the capture is still provisional shows it there.
    fireEvent.click(await screen.findByRole('link', { name: 'Work' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Work' })).toBeTruthy();
    expect(await screen.findByRole('checkbox', { name: 'Plan offsite' })).toBeTruthy();
    await capture('   ');
    expect((await screen.findByRole('alert')).textContent).toMatch(/cannot be empty/);
  });

  it('completes with the checkbox, and deletes with Undo', async () => {
    renderApp();
    await capture('Water plants');
    const box = await screen.findByRole('checkbox', { name: 'Water plants' });
    fireEvent.click(box);
    await waitFor(() =>
      expect(screen.queryByRole('checkbox', { name: 'Water plants' })).toBeNull(),
    );
    expect(await screen.findByText('Completed “Water plants”')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await screen.findByRole('checkbox', { name: 'Water plants' });

    // Keyboard: j to the row, # to delete, then Undo restores it.
    key('j');
    key('#');
    await waitFor(() =>
      expect(screen.queryByRole('checkbox', { name: 'Water plants' })).toBeNull(),
    );
    const toast = await screen.findByText('Deleted “Water plants”');
    fireEvent.click(within(toast.parentElement!).getByRole('button', { name: 'Undo' }));
    expect(await screen.findByRole('checkbox', { name: 'Water plants' })).toBeTruthy();
    expect((await services.db.tasks.toArray())[0].deletedAt).toBeNull();
  });

  it('navigates with g-sequences and focuses quick add and search with q and /', async () => {
    renderApp();
    key('g');
    key('t');
    expect(await screen.findByRole('heading', { level: 1, name: 'Today' })).toBeTruthy();
    expect(window.location.pathname).toBe('/today');
    key('g');
    key('u');
    expect(await screen.findByRole('heading', { level: 1, name: 'Upcoming' })).toBeTruthy();
    key('g');
    key('c');
    expect(await screen.findByRole('heading', { level: 1, name: 'Completed' })).toBeTruthy();
    key('q');
    expect(document.activeElement).toBe(quickAdd());
    // Typing in a field never triggers shortcuts.
    fireEvent.keyDown(quickAdd(), { key: 'g' });
    fireEvent.keyDown(quickAdd(), { key: 'i' });
    expect(window.location.pathname).toBe('/completed');
    key('/');
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Search' }));
  });

  it('opens the shortcut sheet with ? and closes it with Escape', async () => {
    renderApp();
    key('?');
    const sheet = await screen.findByRole(
      'dialog',
      { name: 'Keyboard shortcuts' },
      { timeout: 5000 },
    );
    expect(within(sheet).getByText('Go to Today')).toBeTruthy();
    fireEvent.keyDown(sheet, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('searches titles, notes and labels from the searchbox', async () => {
    await services.store.addTask({ title: 'Renew passport', notes: 'bring photos' });
    await services.store.addTask({ title: 'Call plumber' });
    renderApp();
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search' }), {
      target: { value: 'photos' },
    });
    expect(await screen.findByRole('checkbox', { name: 'Renew passport' })).toBeTruthy();
    expect(screen.queryByRole('checkbox', { name: 'Call plumber' })).toBeNull();
    expect(window.location.search).toBe('?q=photos');
    expect(document.title).toBe('Search: photos · Tend');
  });

  it('opens the detail dialog, shows validation inline, and saves edits', async () => {
    const task = await services.store.addTask({ title: 'Draft plan' });
    renderApp();
    fireEvent.click(await screen.findByRole('button', { name: 'Draft plan' }));
    const dialog = await screen.findByRole('dialog', { name: 'Task details' }, { timeout: 5000 });
    const title = await within(dialog).findByLabelText('Title', {}, { timeout: 5000 });
    fireEvent.input(title, { target: { value: '' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Title is required.')).toBeTruthy();
    expect(title.getAttribute('aria-invalid')).toBe('true');

    fireEvent.input(title, { target: { value: 'Draft the plan' } });
    fireEvent.input(within(dialog).getByLabelText('Due date'), { target: { value: '2026-11-30' } });
    fireEvent.change(within(dialog).getByLabelText('Priority'), { target: { value: '1' } });
    fireEvent.input(within(dialog).getByLabelText('Project'), { target: { value: 'Work' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const saved = await services.store.getTask(task.id);
    expect(saved).toMatchObject({
      title: 'Draft the plan',
      due: '2026-11-30',
      priority: 1,
      project: 'Work',
    });
  });

  it('prefills quick add from a share-target launch', async () => {
    window.history.replaceState(
      null,
      '',
      '/share?title=Great%20article&url=https%3A%2F%2Fx.test%2Fa',
    );
    renderApp();
    await waitFor(() =>
      expect(quickAdd()).toHaveProperty('value', 'Great article https://x.test/a'),
    );
    expect(window.location.pathname).toBe('/inbox');
  });

  it('shows a not-found page for unknown addresses', async () => {
    window.history.replaceState(null, '', '/nowhere');
    renderApp();
    expect(screen.getByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
  });
});

describe('<App /> on a phone', () => {
  it('opens the navigation drawer from the menu button and closes it with Escape', async () => {
    render(() => <App {...services} />);
    const menu = screen.getByRole('button', { name: 'Menu' });
    fireEvent.click(menu);
    expect(menu.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement?.textContent).toContain('Inbox');
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(menu.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(menu);
  });
});
