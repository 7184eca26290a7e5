// axe on every view, the task detail, the shortcut sheet and settings, in light and dark.
import { expect, test, type Page } from '@playwright/test';
import { captureTask, openApp, submitQuickAdd, taskCheckbox } from './support/app.ts';
import { expectNoViolations } from './support/axe.ts';

const PAGES = [
  ['Inbox', '/inbox'],
  ['Today', '/today'],
  ['Upcoming', '/upcoming'],
  ['Completed', '/completed'],
  ['a project', '/project/Garden'],
  ['a label', '/label/outside'],
  ['search results', '/search?q=water'],
  ['Settings', '/settings'],
  ['Trash', '/trash'],
] as const;

/** Tasks of every kind, so each view has rows, chips and colours for axe to check. */
async function seedTasks(page: Page) {
  await openApp(page, '/inbox');
  await submitQuickAdd(page, 'Water the tomatoes today p1 #Garden @outside');
  await submitQuickAdd(page, 'Order seeds in 3 days p2 #Garden');
  await captureTask(page, 'Call the vet tomorrow at 5pm p3', 'Call the vet');
  await captureTask(page, 'Fix the water butt every monday @outside', 'Fix the water butt');
  await captureTask(page, 'Read the seed catalogue');
  await captureTask(page, 'Recycle the bottles');
  await taskCheckbox(page, 'Recycle the bottles').click();
  await expect(taskCheckbox(page, 'Recycle the bottles')).toHaveCount(0);
  // One deleted task, so the Trash has a row with Restore.
  await captureTask(page, 'Old shopping list');
  await taskCheckbox(page, 'Old shopping list').focus();
  await page.keyboard.press('Delete');
  await expect(taskCheckbox(page, 'Old shopping list')).toHaveCount(0);
}

const HOVER = { light: 'rgb(240, 240, 236)', dark: 'rgb(35, 39, 44)' };

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} scheme`, () => {
    // One seeded page per scheme; after a failure Playwright starts a new worker and seeds again,
    // so every page is still checked (serial mode would skip the rest).
    let page: Page;

    test.beforeAll(async ({ browser }) => {
      // AxeBuilder needs a page of a context made with browser.newContext().
      const context = await browser.newContext();
      page = await context.newPage();
      await page.emulateMedia({ colorScheme });
      await seedTasks(page);
    });
    test.afterAll(async () => page?.context().close());

    for (const [name, path] of PAGES) {
      test(`${name} has no violations`, async () => {
        await page.goto(path);
        await expect(page.locator('#view-title')).toBeVisible();
        await page.evaluate(() => document.fonts.ready);
        await expectNoViolations(page, `${name} (${colorScheme})`);
      });
    }

    test('the task detail has no violations', async () => {
      await page.goto('/inbox');
      await page.getByRole('button', { name: 'Read the seed catalogue' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await expectNoViolations(page, `task detail (${colorScheme})`);
      await page.keyboard.press('Escape');
    });

    test('a hovered row has no violations (its priority label on the hover colour)', async () => {
      await page.goto('/project/Garden');
      const row = page.locator('.task-row', { hasText: 'Order seeds' });
      await row.hover();
      await expect(row.locator('.meta-priority.p2')).toHaveText('P2');
      // The --hover token of the scheme: axe checks the label on the colour the user sees.
      await expect(row).toHaveCSS('background-color', HOVER[colorScheme]);
      await expectNoViolations(page, `hovered row (${colorScheme})`);
    });

    test('the sync status panel has no violations', async () => {
      await page.goto('/inbox');
      await page.locator('.sync-status').click();
      await expect(page.getByRole('region', { name: 'Sync' })).toBeVisible();
      await expectNoViolations(page, `sync status panel (${colorScheme})`);
      await page.keyboard.press('Escape');
    });

    test('the shortcut sheet has no violations', async () => {
      await page.goto('/inbox');
      await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
      await expectNoViolations(page, `shortcut sheet (${colorScheme})`);
      await page.keyboard.press('Escape');
    });

    test('quick add with detected chips has no violations', async () => {
      await page.goto('/inbox');
      await page
        .getByRole('textbox', { name: 'Quick add' })
        .fill('Prune roses friday p2 #Garden @outside');
      await expectNoViolations(page, `quick add with chips (${colorScheme})`);
    });
  });
}
