// Sections inside a project, as a person switching from Todoist uses them: add sections on the project
// page, file a task into one with quick add's `/Section` (typed, or chosen from the suggestions), move
// tasks between sections from the keyboard (the detail's Section select) and by drag, reorder and
// delete sections, see the same on a second device after sync, and import a Todoist CSV whose section
// rows become sections.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { inbox, openDevice, signIn, syncNow, uniqueEmail } from './support/account.ts';
import {
  captureTask,
  openApp,
  openTask,
  quickAdd,
  submitQuickAdd,
  taskCheckbox,
} from './support/app.ts';

const projectsNav = (page: Page) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('list', { name: 'Projects' });

async function openProject(page: Page, name: string) {
  await projectsNav(page).getByRole('link', { name }).click();
  await expect(page.locator('#view-title')).toHaveText(name);
}

/** The project page's list as text, top to bottom: "# Section" for headings, titles for tasks. */
const listShape = (page: Page) =>
  page
    .locator('.task-list > li')
    .evaluateAll((items) =>
      items.map((li) =>
        li.classList.contains('group-heading')
          ? `# ${li.querySelector('h2')?.textContent ?? ''}`
          : (li.querySelector('.check')?.getAttribute('aria-label') ?? ''),
      ),
    );

const rowOf = (page: Page, title: string) =>
  page.locator('.task-row').filter({ has: taskCheckbox(page, title) });

async function addSection(page: Page, name: string) {
  await page.getByRole('button', { name: 'Add section' }).click();
  await page.getByRole('textbox', { name: 'New section name' }).fill(name);
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Added the section “${name}”`)).toBeVisible();
}

test('sections: quick add with /, keyboard and drag moves, reorder, and a second device', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const email = uniqueEmail('sections');
  const a = await openDevice(browser);
  const b = await openDevice(browser);
  await signIn(a.page, email, 'Create account');
  await inbox(a.page);

  await a.page.getByRole('button', { name: 'New project' }).click();
  await a.page.getByRole('textbox', { name: 'New project name' }).fill('Home Renovation');
  await a.page.keyboard.press('Enter');
  await expect(a.page.locator('#view-title')).toHaveText('Home Renovation');
  await addSection(a.page, 'Shopping');
  await addSection(a.page, 'Walls');

  // Quick add from the Inbox: Todoist's `/Section` after the project, shown as a chip.
  await inbox(a.page);
  const box = quickAdd(a.page);
  await box.fill('Buy paint #Home Renovation /Shopping');
  const chips = a.page.getByRole('list', { name: 'Detected' });
  await expect(chips.getByText('Section')).toBeVisible();
  await expect(chips.getByText('/Shopping')).toBeVisible();
  await box.press('Enter');
  await expect(box).toHaveValue('');

  // On the project page, `/` offers the project's sections: chosen with the arrow keys and Enter.
  await openProject(a.page, 'Home Renovation');
  await box.click();
  await box.pressSequentially('Fill cracks /Wa');
  const suggestions = a.page.getByRole('listbox', { name: 'Sections' });
  await expect(suggestions.getByRole('option', { name: 'Walls' })).toBeVisible();
  await box.press('ArrowDown');
  await box.press('Enter');
  await expect(box).toHaveValue('Fill cracks /Walls ');
  await box.press('Enter');
  await expect(box).toHaveValue('');
  await captureTask(a.page, 'Measure the hall');
  await expect
    .poll(() => listShape(a.page))
    .toEqual(['Measure the hall', '# Shopping', 'Buy paint', '# Walls', 'Fill cracks']);

  // Keyboard: the detail's Section select moves the task.
  const detail = await openTask(a.page, 'Measure the hall');
  const select = detail.getByRole('combobox', { name: 'Section' });
  await select.focus();
  await select.selectOption({ label: 'Walls' });
  await expect(a.page.getByText('Moved “Measure the hall” to Walls')).toBeVisible();
  await a.page.keyboard.press('Escape');
  await expect(a.page.getByRole('dialog')).toHaveCount(0);
  await expect
    .poll(() => listShape(a.page))
    .toEqual(['# Shopping', 'Buy paint', '# Walls', 'Fill cracks', 'Measure the hall']);

  // Drag: "Buy paint" by its handle onto the Walls heading.
  const dragged = rowOf(a.page, 'Buy paint');
  await dragged.hover();
  const from = (await dragged.locator('.drag-handle').boundingBox())!;
  const heading = (await a.page
    .locator('.group-heading')
    .filter({ hasText: 'Walls' })
    .boundingBox())!;
  await a.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await a.page.mouse.down();
  await a.page.mouse.move(from.x + from.width / 2, heading.y + heading.height / 2 + 8, {
    steps: 8,
  });
  await a.page.mouse.up();
  await expect(a.page.getByText('Moved “Buy paint” to Walls')).toBeVisible();
  await expect
    .poll(async () => (await listShape(a.page)).slice(0, 2))
    .toEqual(['# Shopping', '# Walls']);

  // Reorder from the keyboard, and rename.
  const tools = a.page.getByRole('group', { name: 'Sections' });
  await tools.getByRole('button', { name: 'Move section “Walls” up' }).focus();
  await a.page.keyboard.press('Enter');
  await expect.poll(async () => (await listShape(a.page))[0]).toBe('# Walls');
  await tools.getByRole('button', { name: 'Rename section “Shopping”' }).click();
  await a.page.getByRole('textbox', { name: 'Section name' }).fill('To buy');
  await a.page.keyboard.press('Enter');
  await expect(a.page.locator('.group-heading').filter({ hasText: 'To buy' })).toBeVisible();
  const expected = await listShape(a.page);
  expect(expected[0]).toBe('# Walls');
  expect(expected.at(-1)).toBe('# To buy');
  await syncNow(a.page);

  // The second device: the same sections, in the same order, with the same tasks in them.
  await signIn(b.page, email, 'Sign in');
  await syncNow(b.page);
  await inbox(b.page);
  await openProject(b.page, 'Home Renovation');
  await expect.poll(() => listShape(b.page)).toEqual(expected);

  // Delete a section with its tasks; one Undo brings both back.
  await inbox(a.page);
  await openProject(a.page, 'Home Renovation');
  await tools.getByRole('button', { name: 'Delete section “Walls”' }).click();
  const toast = a.page.getByText('Deleted the section “Walls” and 3 tasks');
  await expect(toast).toBeVisible();
  await expect(taskCheckbox(a.page, 'Buy paint')).toHaveCount(0);
  await toast.locator('..').getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => listShape(a.page)).toEqual(expected);
  await a.context.close();
  await b.context.close();
});

test('a Todoist CSV with section rows imports them as sections of its project', async ({
  page,
}) => {
  await openApp(page);
  const csv = [
    'TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE',
    'task,Order seeds,,4,1,,,,en,',
    'section,Spring,,,,,,,,',
    'task,Plant tulips,,4,1,,,,en,',
    'task,Water them,,4,2,,,,en,',
    'section,Autumn,,,,,,,,',
    'task,Rake leaves,,4,1,,,,en,',
  ].join('\n');
  await page.goto('/settings');
  await page.locator('#import-file').setInputFiles({
    name: 'Garden.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await expect(page.getByText('Imported 4 tasks from Todoist')).toBeVisible();
  await inbox(page);
  await openProject(page, 'Garden');
  await expect
    .poll(() => listShape(page))
    .toEqual(['Order seeds', '# Spring', 'Plant tulips', 'Water them', '# Autumn', 'Rake leaves']);
  // The sections are records, not labels.
  await expect(page.getByRole('navigation', { name: 'Main' }).getByText('Spring')).toHaveCount(0);
  await submitQuickAdd(page, 'Split bulbs /Autumn');
  await expect.poll(async () => (await listShape(page)).at(-1)).toBe('Split bulbs');

  // The bulk bar's Move offers the project's sections too.
  await page
    .getByRole('button', { name: 'Order seeds', exact: true })
    .click({ modifiers: ['Control'] });
  const bar = page.getByRole('region', { name: 'Selected tasks' });
  await bar
    .getByRole('combobox', { name: 'Move selected tasks to' })
    .selectOption({ label: 'Spring' });
  await expect(page.getByText('Moved “Order seeds” to Spring')).toBeVisible();
  await expect
    .poll(async () => (await listShape(page)).slice(0, 2))
    .toEqual(['# Spring', 'Order seeds']);

  // Alt+↑ on the first task of a section carries it into the section above.
  await taskCheckbox(page, 'Rake leaves').focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(page.getByText('Moved “Rake leaves” to Spring')).toBeVisible();
  await expect
    .poll(async () => (await listShape(page)).slice(-3))
    .toEqual(['Rake leaves', '# Autumn', 'Split bulbs']);
});
