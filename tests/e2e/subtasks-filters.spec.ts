// Sub-tasks (detail list, Tab/Shift+Tab, collapse, completing and deleting a parent), filter queries and
// saved filters, sorting, rescheduling overdue tasks, and the week view of Upcoming, in Chromium.
import { expect, test, type Page } from '@playwright/test';
import { captureTask, openApp, submitQuickAdd, taskCheckbox } from './support/app.ts';

/** The local day n days from now, `YYYY-MM-DD`, as the page computes it. */
function localDay(offset: number): string {
  const date = new Date();
  date.setDate(date.getDate() + offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const searchBox = (page: Page) => page.getByRole('searchbox', { name: 'Search' });
const rowTitles = (page: Page) => page.locator('.task-row .row-title');
const rowOf = (page: Page, title: string) =>
  page.locator('.task-row').filter({ has: taskCheckbox(page, title) });

/** The Undo button of the toast that says `message`. */
const undoOf = (page: Page, message: string) =>
  page.locator('.toast', { hasText: message }).getByRole('button', { name: 'Undo' });

async function openDetail(page: Page, title: string) {
  await page.getByRole('button', { name: title, exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Task details' })).toBeVisible();
}

test('sub-tasks: add in the detail, indent with Tab, collapse, complete and delete the parent', async ({
  page,
}) => {
  await openApp(page, '/inbox');
  await captureTask(page, 'Plan the trip');
  await openDetail(page, 'Plan the trip');
  const addSubtask = page.getByRole('textbox', { name: 'Add sub-task' });
  await addSubtask.fill('Book flights');
  await addSubtask.press('Enter');
  await expect(addSubtask).toHaveValue('');
  await addSubtask.fill('Pack bags');
  await addSubtask.press('Enter');
  const list = page.getByRole('list', { name: 'Sub-tasks' });
  await expect(list.getByRole('checkbox', { name: 'Book flights' })).toBeVisible();
  await expect(list.getByRole('checkbox', { name: 'Pack bags' })).toBeVisible();
  // The store decides (the checkbox follows the stored task), so click rather than check().
  await list.getByRole('checkbox', { name: 'Book flights' }).click();
  await expect(list.getByRole('checkbox', { name: 'Book flights' })).toBeChecked();
  await expect(page.getByRole('heading', { name: 'Sub-tasks 1/2' })).toBeVisible();
  await list.getByRole('checkbox', { name: 'Book flights' }).click();
  await expect(list.getByRole('checkbox', { name: 'Book flights' })).not.toBeChecked();
  await page.keyboard.press('Escape');

  // In the list: indented under the parent, which shows "0/2" and a collapse button.
  await expect(rowTitles(page)).toHaveText(['Plan the trip', 'Book flights', 'Pack bags']);
  await expect(rowOf(page, 'Book flights')).toHaveAttribute('style', /--level: 1/);
  await expect(rowOf(page, 'Plan the trip')).toContainText('0/2');
  const collapse = page.getByRole('button', { name: 'Sub-tasks of Plan the trip' });
  await expect(collapse).toHaveAttribute('aria-expanded', 'true');

  // Tab makes a task a sub-task of the one above; Shift+Tab moves it back out.
  await captureTask(page, 'Renew passport');
  await taskCheckbox(page, 'Renew passport').focus();
  await page.keyboard.press('Tab');
  await expect(rowOf(page, 'Plan the trip')).toContainText('0/3');
  await expect(rowOf(page, 'Renew passport')).toHaveAttribute('style', /--level: 1/);
  await expect(taskCheckbox(page, 'Renew passport')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(rowOf(page, 'Plan the trip')).toContainText('0/2');
  await expect(rowOf(page, 'Renew passport')).toHaveAttribute('style', /--level: 0/);

  await collapse.click();
  await expect(collapse).toHaveAttribute('aria-expanded', 'false');
  await expect(taskCheckbox(page, 'Book flights')).toHaveCount(0);
  await collapse.click();
  await expect(taskCheckbox(page, 'Book flights')).toBeVisible();

  // Completing the parent asks about its open sub-tasks; Undo reopens all three.
  await taskCheckbox(page, 'Plan the trip').click();
  const prompt = page.getByRole('dialog', { name: 'Complete sub-tasks too?' });
  await expect(prompt).toContainText('2 open sub-tasks');
  await prompt.getByRole('button', { name: 'Complete all' }).click();
  await expect(taskCheckbox(page, 'Plan the trip')).toHaveCount(0);
  await expect(taskCheckbox(page, 'Pack bags')).toHaveCount(0);
  await undoOf(page, 'Completed “Plan the trip” and 2 sub-tasks').click();
  await expect(rowTitles(page)).toHaveText([
    'Plan the trip',
    'Book flights',
    'Pack bags',
    'Renew passport',
  ]);

  // Cancel leaves everything open.
  await taskCheckbox(page, 'Plan the trip').click();
  await prompt.getByRole('button', { name: 'Cancel' }).click();
  await expect(prompt).toHaveCount(0);
  await expect(taskCheckbox(page, 'Plan the trip')).not.toBeChecked();

  // Deleting the parent deletes its sub-tasks, and one Undo brings all of them back.
  await openDetail(page, 'Plan the trip');
  await page
    .getByRole('dialog', { name: 'Task details' })
    .getByRole('button', { name: 'Delete' })
    .click();
  await expect(rowTitles(page)).toHaveText(['Renew passport']);
  await undoOf(page, 'Deleted “Plan the trip” and 2 sub-tasks').click();
  await expect(rowTitles(page)).toHaveText([
    'Plan the trip',
    'Book flights',
    'Pack bags',
    'Renew passport',
  ]);
});

test('filters: a query, an invalid one, a saved filter with its count in the sidebar', async ({
  page,
}) => {
  await openApp(page, '/inbox');
  await submitQuickAdd(page, 'Write the report p1 #Work');
  await submitQuickAdd(page, 'Email the team #Work');
  await submitQuickAdd(page, 'Buy milk @errands');

  await searchBox(page).fill('#work & p1');
  await expect(page).toHaveURL(/\/search\?q=/);
  await expect(rowTitles(page)).toHaveText(['Write the report']);
  await searchBox(page).fill('(#Work | @errands) & !p1');
  await expect(rowTitles(page)).toHaveText(['Email the team', 'Buy milk']);

  await searchBox(page).fill('#Work &');
  await expect(page.getByRole('status').filter({ hasText: 'Something is missing' })).toBeVisible();
  await expect(rowTitles(page)).toHaveCount(0);

  await searchBox(page).fill('#Work');
  await expect(rowTitles(page)).toHaveCount(2);
  await page.getByRole('button', { name: 'Save as filter' }).click();
  await page.getByRole('textbox', { name: 'Filter name' }).fill('Work stuff');
  await page.getByRole('button', { name: 'Save filter' }).click();
  await expect(page).toHaveURL(/\/filter\//);
  await expect(page.locator('#view-title')).toHaveText('Work stuff');
  const link = page.getByRole('navigation').getByRole('link', { name: 'Work stuff', exact: true });
  await expect(link).toHaveAttribute('aria-current', 'page');
  await expect(link.locator('.nav-count')).toHaveText('2');

  // The count follows the tasks, from any view.
  await page.getByRole('link', { name: 'Inbox', exact: true }).click();
  await submitQuickAdd(page, 'Plan the offsite #Work');
  await expect(link.locator('.nav-count')).toHaveText('3');
  await link.click();
  await expect(rowTitles(page)).toHaveCount(3);
});

test('sort: by name and priority, remembered per view', async ({ page }) => {
  await openApp(page, '/project/Chores');
  await captureTask(page, 'Mop the floor p3', 'Mop the floor');
  await captureTask(page, 'Dust the shelves p1', 'Dust the shelves');
  await captureTask(page, 'Water plants');
  const sort = page.getByRole('combobox', { name: 'Sort by' });
  await expect(sort).toHaveValue('manual');
  await expect(rowTitles(page)).toHaveText(['Mop the floor', 'Dust the shelves', 'Water plants']);
  await sort.selectOption({ label: 'Name' });
  await expect(rowTitles(page)).toHaveText(['Dust the shelves', 'Mop the floor', 'Water plants']);
  await sort.selectOption({ label: 'Priority' });
  await expect(rowTitles(page)).toHaveText(['Dust the shelves', 'Mop the floor', 'Water plants']);
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Sort by' })).toHaveValue('priority');
  await expect(rowTitles(page)).toHaveText(['Dust the shelves', 'Mop the floor', 'Water plants']);
  await page.goto('/inbox');
  await expect(page.getByRole('combobox', { name: 'Sort by' })).toHaveValue('manual');
});

test('overdue: reschedule all to today, or the selected ones to tomorrow', async ({ page }) => {
  await openApp(page, '/today');
  const lastWeek = localDay(-7);
  await submitQuickAdd(page, `Renew the insurance ${localDay(-2)}`);
  await submitQuickAdd(page, `Return the library books ${lastWeek}`);
  await submitQuickAdd(page, `Call the garage ${lastWeek}`);
  await expect(page.getByText('3 overdue tasks')).toBeVisible();

  // Select two with the keyboard's x (or Ctrl+click), then Reschedule -> Tomorrow in the bulk bar.
  await page
    .getByRole('button', { name: 'Return the library books' })
    .click({ modifiers: ['Control'] });
  await page.getByRole('button', { name: 'Call the garage' }).click({ modifiers: ['Control'] });
  const bulk = page.getByRole('region', { name: 'Selected tasks' });
  await bulk.getByRole('button', { name: 'Reschedule' }).click();
  await bulk
    .getByRole('group', { name: 'Reschedule 2 selected tasks' })
    .getByRole('button', { name: 'Tomorrow' })
    .click();
  await expect(taskCheckbox(page, 'Call the garage')).toHaveCount(0);
  await expect(page.getByText('1 overdue task')).toBeVisible();

  // The overdue bar moves what is left to today.
  await page.getByRole('button', { name: 'Reschedule' }).click();
  await page
    .getByRole('group', { name: 'Reschedule the overdue task' })
    .getByRole('button', { name: 'Today' })
    .click();
  await expect(page.getByText(/overdue task/)).toHaveCount(0);
  await expect(taskCheckbox(page, 'Renew the insurance')).toBeVisible();

  await page.goto('/upcoming');
  await expect(taskCheckbox(page, 'Call the garage')).toBeVisible();
  await expect(taskCheckbox(page, 'Return the library books')).toBeVisible();

  // A picked date.
  await page.goto('/today');
  await page.getByRole('button', { name: 'Renew the insurance' }).click({ modifiers: ['Control'] });
  const bar = page.getByRole('region', { name: 'Selected tasks' });
  await bar.getByRole('button', { name: 'Reschedule' }).click();
  await bar.getByLabel('Pick a date').fill(localDay(5));
  await bar.getByRole('button', { name: 'Move' }).click();
  await expect(taskCheckbox(page, 'Renew the insurance')).toHaveCount(0);
});

test('Upcoming: drag a task to another day, and a week view with every day', async ({ page }) => {
  await openApp(page, '/upcoming');
  await submitQuickAdd(page, `Service the bike ${localDay(1)}`);
  await submitQuickAdd(page, `Pay the rent ${localDay(3)}`);
  await expect(taskCheckbox(page, 'Pay the rent')).toBeVisible();

  // In the list: drag "Service the bike" by its handle below the heading of the rent's day.
  const handle = rowOf(page, 'Service the bike').locator('.drag-handle');
  const target = rowOf(page, 'Pay the rent');
  await rowOf(page, 'Service the bike').hover();
  const from = (await handle.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, to.y + to.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByText(/Moved “Service the bike” to/)).toBeVisible();
  await expect(page.locator('.group-heading')).toHaveCount(1);

  // The week: seven days, empty ones included; drag between days, or Alt+→ from the keyboard.
  await page.getByRole('button', { name: 'Week', exact: true }).click();
  const week = page.getByRole('list', { name: 'Week' });
  await expect(week.locator(':scope > li')).toHaveCount(7);
  await expect(week.getByText('Nothing planned').first()).toBeVisible();
  const day = (offset: number) => page.locator(`.week-day[data-day="${localDay(offset)}"]`);
  // The rent's day may fall in next week's columns.
  if ((await day(3).count()) === 0) await page.getByRole('button', { name: 'Next week' }).click();
  const rent = day(3).getByRole('checkbox', { name: 'Pay the rent' });
  await expect(rent).toBeVisible();
  await rent.focus();
  // The task keeps the focus in its new day, and the week follows it across a week's edge.
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(day(2).getByRole('checkbox', { name: 'Pay the rent' })).toBeFocused();
  await page.keyboard.press('Alt+ArrowRight');
  await expect(day(3).getByRole('checkbox', { name: 'Pay the rent' })).toBeFocused();
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(day(2).getByRole('checkbox', { name: 'Pay the rent' })).toBeFocused();
  if ((await day(4).count()) > 0) {
    await day(2).locator('.week-task').filter({ hasText: 'Pay the rent' }).dragTo(day(4));
    await expect(day(4).getByRole('checkbox', { name: 'Pay the rent' })).toBeVisible();
  }
  // Remembered: Upcoming opens as a week next time.
  await page.reload();
  await expect(page.getByRole('list', { name: 'Week' })).toBeVisible();
  await page.getByRole('button', { name: 'List', exact: true }).click();
  await expect(taskCheckbox(page, 'Pay the rent')).toBeVisible();
});
