// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import { loadParser } from './parser';
import { formatDue } from '../lib/dates';
import { createTestContext, createTestServices, WithApp } from '../testing';
import type { TestServices } from '../testing';
import { QuickAdd } from './QuickAdd';
import type * as LazyRulesParser from './lazy-rules-parser';
import type { QuickAddApi } from './QuickAdd';
import { refineCaptureInBackground } from '../../ai/after-capture';
import { queryTask } from '../../db/queries';
import { createSection } from '../../core/section';

// Every text the rules parser is asked to parse (it still parses: this only records).
const parsedTexts = vi.hoisted(() => [] as string[]);
vi.mock('./lazy-rules-parser', async (importOriginal) => {
  const actual = await importOriginal<typeof LazyRulesParser>();
  return {
    ...actual,
    parseQuickAdd: (...args: Parameters<typeof actual.parseQuickAdd>) => {
      parsedTexts.push(args[0]);
      return actual.parseQuickAdd(...args);
    },
  };
});

const NOW = '2026-11-26T09:00:00.000Z';
const HOME_ID = '00000000-0000-4000-8000-0000000000a1';
const WORK_ID = '00000000-0000-4000-8000-0000000000a2';
const SHOP_ID = '00000000-0000-4000-8000-0000000000b1';
const MEET_ID = '00000000-0000-4000-8000-0000000000b2';

let services: TestServices;
beforeAll(async () => {
  // The page loads the parser just after first paint; tests start once it is there.
  await loadParser();
});

beforeEach(async () => {
  services = await createTestServices();
});
afterEach(() => cleanup());

function renderQuickAdd(props: Partial<Parameters<typeof QuickAdd>[0]> = {}) {
  const context = createTestContext(services);
  const onCaptured = vi.fn(async () => undefined);
  render(() => (
    <WithApp value={context}>
      <QuickAdd onCaptured={onCaptured} {...props} />
    </WithApp>
  ));
  const input = screen.getByRole('textbox', { name: 'Quick add' }) as HTMLInputElement;
  const type = (text: string) => fireEvent.input(input, { target: { value: text } });
  const submit = () => fireEvent.submit(input.closest('form')!);
  return { context, input, type, submit, onCaptured };
}

describe('<QuickAdd />', () => {
  it('shows what it detected as chips while typing', () => {
    const { type } = renderQuickAdd();
    type('Call mom tomorrow at 5pm p1 #Family @phone');
    const chips = within(screen.getByRole('list', { name: 'Detected' })).getAllByRole('listitem');
    expect(chips.map((c) => c.textContent)).toEqual(
      expect.arrayContaining([
        `Due${formatDue('2026-11-27T17:00', '2026-11-26')}`,
        'PriorityP1',
        'Project#Family',
        'Label@phone',
      ]),
    );
  });

  it('keeps a dismissed chip’s text in the title', async () => {
    const { type, submit } = renderQuickAdd();
    type('Read 1984 #Books friday');
    fireEvent.click(screen.getByRole('button', { name: 'Keep “friday” as text' }));
    expect(screen.queryByText('Due')).toBeNull();
    submit();
    await waitFor(async () => expect(await services.db.tasks.count()).toBe(1));
    const task = await queryTask(services.db, (await services.db.tasks.toArray())[0].id);
    expect(task).toMatchObject({ title: 'Read 1984 friday', due: null, project: 'Books' });
  });

  it('saves on Enter, clears at once, applies view defaults, and hands the task to the AI hook', async () => {
    const { type, submit, input, onCaptured } = renderQuickAdd({
      defaults: () => ({ project: 'Work', labels: ['focus'] }),
    });
    type('Write summary @writing');
    submit();
    expect(input.value).toBe('');
    await waitFor(() => expect(onCaptured).toHaveBeenCalledTimes(1));
    const task = await queryTask(services.db, (await services.db.tasks.toArray())[0].id);
    expect(task).toMatchObject({
      title: 'Write summary',
      project: 'Work',
      labels: ['focus', 'writing'],
    });
    const event = (onCaptured.mock.calls[0] as unknown[])[0] as { taskId: string; text: string };
    expect(event).toMatchObject({ taskId: task!.id, text: 'Write summary @writing' });
  });

  it('saves ! reminders with ids, or the default reminder for a task with a due time', async () => {
    const { type, submit } = renderQuickAdd();
    type('Dentist tomorrow 3pm !30 min before');
    expect(screen.getByText('30 min before')).toBeTruthy();
    submit();
    await waitFor(async () => expect(await services.db.tasks.count()).toBe(1));
    const [first] = await services.db.tasks.toArray();
    expect(first.reminders).toEqual([{ id: expect.any(String), before: 30 }]);

    localStorage.setItem('tend.defaultReminder', '10');
    try {
      type('Call Bob tomorrow 5pm');
      submit();
      type('Buy milk tomorrow');
      submit();
      await waitFor(async () => expect(await services.db.tasks.count()).toBe(3));
      const byTitle = new Map((await services.db.tasks.toArray()).map((t) => [t.title, t]));
      expect(byTitle.get('Call Bob')!.reminders).toEqual([{ id: expect.any(String), before: 10 }]);
      expect(byTitle.get('Buy milk')!.reminders).toEqual([]);
    } finally {
      localStorage.removeItem('tend.defaultReminder');
    }
  });

  it('gives the text back and shows why when saving fails', async () => {
    services.store.addTask = async () => {
      throw Object.assign(new Error('x'), { name: 'QuotaExceededError' });
    };
    const { type, submit, input } = renderQuickAdd();
    type('Big task');
    submit();
    expect((await screen.findByRole('alert')).textContent).toMatch(/out of storage/);
    expect(input.value).toBe('Big task');
    expect(input.getAttribute('aria-invalid')).toBe('true');
  });

  it('is focused and prefilled through its API, and Escape clears it', () => {
    let api: QuickAddApi | undefined;
    const { input } = renderQuickAdd({ api: (a) => (api = a) });
    api!.focus('Shared link');
    expect(document.activeElement).toBe(input);
    expect(input.value).toBe('Shared link');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(input.value).toBe('');
  });
});

describe('<QuickAdd /> suggestions', () => {
  const names = () => ({ projects: ['Home', 'Home Renovation', 'Work'], labels: ['waiting for'] });
  const listbox = () => screen.getByRole('listbox', { hidden: true });

  it('offers existing projects after #, spaces included, and chooses one with the keyboard', async () => {
    const { input, type, submit } = renderQuickAdd({ names });
    expect(screen.queryByRole('listbox')).toBeNull();
    type('Paint walls #Home R');
    expect(screen.queryByRole('listbox')).not.toBeNull();
    expect(input.getAttribute('aria-controls')).toBe(listbox().id);
    const options = within(listbox()).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['Home Renovation']);
    expect(input.hasAttribute('aria-activedescendant')).toBe(false);
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(input.getAttribute('aria-activedescendant')).toBe(options[0].id);
    expect(options[0].getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(input.value).toBe('Paint walls #Home Renovation ');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(await services.db.tasks.count()).toBe(0); // Enter chose; it did not save
    submit();
    await waitFor(async () => expect(await services.db.tasks.count()).toBe(1));
    const task = await queryTask(services.db, (await services.db.tasks.toArray())[0].id);
    expect(task).toMatchObject({ title: 'Paint walls', project: 'Home Renovation' });
  });

  it('offers the sections of the task’s project after / and files the task in the one chosen', async () => {
    const renovation = [
      createSection({ projectId: HOME_ID, name: 'Shopping', order: 1 }, { id: SHOP_ID, now: NOW }),
    ];
    const other = [
      createSection({ projectId: WORK_ID, name: 'Meetings', order: 1 }, { id: MEET_ID, now: NOW }),
    ];
    const sectionsOf = (project: string) =>
      project === 'Home Renovation' ? renovation : project === 'Work' ? other : [];
    const { input, type, submit } = renderQuickAdd({ names, sectionsOf });
    // Without a project there is no section to offer.
    type('Buy paint /S');
    expect(screen.queryByRole('listbox')).toBeNull();
    type('Buy paint #Home Renovation /S');
    expect(
      within(listbox())
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Shopping']);
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(input.value).toBe('Buy paint #Home Renovation /Shopping ');
    expect(screen.getByRole('list', { name: 'Detected' }).textContent).toContain('/Shopping');
    submit();
    await waitFor(async () => expect(await services.db.tasks.count()).toBe(1));
    const [stored] = await services.db.tasks.toArray();
    expect(stored).toMatchObject({ title: 'Buy paint', sectionId: SHOP_ID });
    // Another project's section name is text.
    type('Plan #Work /Shopping');
    expect(screen.getByRole('list', { name: 'Detected' }).textContent).not.toContain('/Shopping');
  });

  it('offers labels after @ and takes a click', () => {
    const { input, type } = renderQuickAdd({ names });
    type('Call @wa');
    fireEvent.click(within(listbox()).getByRole('option', { name: 'waiting for' }));
    expect(input.value).toBe('Call @waiting for ');
  });

  it('closes on Escape and keeps the text; Enter with nothing active saves', async () => {
    const { input, type } = renderQuickAdd({ names });
    type('Fix roof #Ho');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(input.value).toBe('Fix roof #Ho');
    type('Fix roof #Hom');
    expect(screen.queryByRole('listbox')).not.toBeNull();
    fireEvent.keyDown(input, { key: 'Enter' }); // nothing active: the key is the form's
    expect(input.value).toBe('Fix roof #Hom');
  });
});

describe('refineCaptureInBackground', () => {
  it('loads and calls the refiner only when the user opted in', async () => {
    const refineAfterCapture = vi.fn();
    const on = async () => true;
    await refineCaptureInBackground({ taskId: 'x' } as never, async () => refineAfterCapture, on);
    expect(refineAfterCapture).toHaveBeenCalledWith({ taskId: 'x' });
    const load = vi.fn(async () => refineAfterCapture);
    await refineCaptureInBackground({ taskId: 'y' } as never, load, async () => false);
    expect(load).not.toHaveBeenCalled(); // AI off: the chunk is not even fetched
    expect(refineAfterCapture).toHaveBeenCalledTimes(1);
  });

  it('swallows failures of the best-effort refinement', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await refineCaptureInBackground(
      {} as never,
      async () => () => {
        throw new Error('boom');
      },
      async () => true,
    );
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});

describe('parser loading', () => {
  it('leaves an empty box unparsed: the parser’s first, slow run waits for the first word', () => {
    parsedTexts.length = 0;
    const { type } = renderQuickAdd();
    expect(parsedTexts).toEqual([]);
    type('Buy milk');
    expect(parsedTexts).toContain('Buy milk');
    parsedTexts.length = 0;
    type('');
    expect(parsedTexts).toEqual([]);
  });

  it('treats text as a plain title until the parser is there', async () => {
    const { plainResult } = await import('./parser');
    expect(plainResult('  Buy   milk tomorrow ')).toMatchObject({
      title: 'Buy milk tomorrow',
      due: null,
      chips: [],
    });
  });
});
