// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { exportJson } from '../../db/testing';
import { createTestContext, createTestServices, WithApp } from '../testing';
import type { TestServices } from '../testing';
import SettingsPage from './SettingsPage';
import { queryTask } from '../../db/queries';

let services: TestServices;
beforeEach(async () => {
  services = await createTestServices();
});
afterEach(() => cleanup());

function renderSettings() {
  const context = createTestContext(services);
  render(() => (
    <WithApp value={context}>
      <SettingsPage />
    </WithApp>
  ));
  return context;
}

function choose(file: File) {
  const input = screen.getByLabelText('Import JSON or Todoist CSV…') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
}

describe('<SettingsPage />', () => {
  it('switches the theme', () => {
    const context = renderSettings();
    expect((screen.getByRole('radio', { name: 'System' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: 'Dark' }));
    expect(context.theme.theme()).toBe('dark');
    expect(document.documentElement.getAttribute('data-theme')).toBe('dark');
    context.theme.setTheme('system');
  });

  it('imports a Tend JSON export and summarises it', async () => {
    const other = await createTestServices();
    await other.store.addTask({ title: 'From another device' });
    await other.store.addTask({ title: 'Second' });
    const json = await exportJson(other.db, Date.now());
    renderSettings();
    choose(new File([json], 'tend-export.json', { type: 'application/json' }));
    expect(
      await screen.findByText('Imported 2 tasks: 2 new, 0 updated, 0 unchanged.'),
    ).toBeTruthy();
    expect((await services.db.tasks.toArray()).map((t) => t.title).sort()).toEqual([
      'From another device',
      'Second',
    ]);
  });

  it('imports a Todoist CSV into the project the file is named after', async () => {
    const csv =
      'TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE\ntask,Buy stamps,,4,1,,,,en,\n';
    renderSettings();
    choose(new File([csv], 'Errands.csv', { type: 'text/csv' }));
    // The import loads the comments store on first use: room for that on a loaded machine.
    expect(
      await screen.findByText(/Imported 1 task from Todoist into Errands/, {}, { timeout: 5_000 }),
    ).toBeTruthy();
    const task = await queryTask(services.db, (await services.db.tasks.toArray())[0].id);
    expect(task).toMatchObject({ title: 'Buy stamps', project: 'Errands' });
  });

  it('says clearly why a file cannot be imported, and changes nothing', async () => {
    renderSettings();
    choose(new File(['{ not json'], 'broken.json', { type: 'application/json' }));
    expect(await screen.findByText(/not valid JSON/)).toBeTruthy();
    choose(new File([''], 'empty.json'));
    expect(await screen.findByText('That file is empty.')).toBeTruthy();
    choose(new File(['{"format":"something-else"}'], 'other.json'));
    await waitFor(() => expect(screen.getByText(/not a Tend export/)).toBeTruthy());
    expect(await services.db.tasks.count()).toBe(0);
  });

  it('exports every task as a download', async () => {
    await services.store.addTask({ title: 'Keep me' });
    const created: Blob[] = [];
    URL.createObjectURL = (blob: Blob) => {
      created.push(blob);
      return 'blob:test';
    };
    URL.revokeObjectURL = () => undefined;
    renderSettings();
    fireEvent.click(screen.getByRole('button', { name: 'Export JSON' }));
    expect(await screen.findByText('Exported 1 task.')).toBeTruthy();
    const text = await created[0].text();
    expect(text).toContain('Keep me');
  });
});
