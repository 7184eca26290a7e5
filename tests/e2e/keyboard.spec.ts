// Keyboard-only use: every view, quick add, search, the task detail and the shortcut sheet, no mouse.
import { expect, test, type Page } from '@playwright/test';
import { openApp, quickAdd, taskCheckbox } from './support/app.ts';

const searchBox = (page: Page) => page.getByRole('searchbox', { name: 'Search' });

async function typeTask(page: Page, text: string) {
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

test('capture, navigate, search and complete with the keyboard alone', async ({ page }) => {
  await openApp(page, '/inbox');

  await page.keyboard.press('q');
  await expect(quickAdd(page)).toBeFocused();
  await typeTask(page, 'Sweep the porch');
  await expect(taskCheckbox(page, 'Sweep the porch')).toBeVisible();
  await typeTask(page, 'Oil the hinges today');
  await page.keyboard.press('Escape');
  await expect(quickAdd(page)).not.toBeFocused();

  for (const [keys, path] of [
    ['g t', '/today'],
    ['g u', '/upcoming'],
    ['g c', '/completed'],
    ['g s', '/settings'],
    ['g i', '/inbox'],
  ] as const) {
    for (const key of keys.split(' ')) await page.keyboard.press(key);
    await expect(page).toHaveURL(new RegExp(`${path}$`));
  }

  await page.keyboard.press('g');
  await page.keyboard.press('t');
  await expect(taskCheckbox(page, 'Oil the hinges')).toBeVisible();

  // j moves the cursor (and focus) to the next row; c completes the task under the cursor.
  await page.keyboard.press('g');
  await page.keyboard.press('i');
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(taskCheckbox(page, 'Sweep the porch')).toBeVisible();
  await page.keyboard.press('j');
  const focusedRowTitle = () =>
    page.evaluate(() =>
      document.activeElement?.closest('[data-task-id]') ? document.activeElement.ariaLabel : null,
    );
  await expect.poll(focusedRowTitle).not.toBeNull();
  const focusedTitle = await focusedRowTitle();
  expect(['Sweep the porch', 'Oil the hinges']).toContain(focusedTitle);
  await page.keyboard.press('c');
  await expect(taskCheckbox(page, focusedTitle!)).toHaveCount(0);
  await page.keyboard.press('g');
  await page.keyboard.press('c');
  await expect(taskCheckbox(page, focusedTitle!)).toBeChecked();

  await page.keyboard.press('/');
  await expect(searchBox(page)).toBeFocused();
  await page.keyboard.type('porch');
  await expect(page).toHaveURL(/\/search\?q=porch$/);
  await expect(taskCheckbox(page, 'Sweep the porch')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(searchBox(page)).not.toBeFocused();
});

test('the shortcut sheet and the task detail open and close from the keyboard', async ({
  page,
}) => {
  await openApp(page, '/inbox');
  await quickAdd(page).focus();
  await typeTask(page, 'Repot the basil');
  await expect(taskCheckbox(page, 'Repot the basil')).toBeVisible();
  await page.keyboard.press('Escape');

  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();

  await page.keyboard.press('j');
  await page.keyboard.press('e');
  const detail = page.getByRole('dialog');
  await expect(detail).toBeVisible();
  await expect(detail.getByRole('textbox').first()).toHaveValue('Repot the basil');
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();
});

test('Tab reaches the skip link, the views and the task rows', async ({ page }) => {
  await openApp(page, '/inbox');
  await quickAdd(page).focus();
  await typeTask(page, 'Sharpen the shears');
  await expect(taskCheckbox(page, 'Sharpen the shears')).toBeVisible();
  // A fresh load starts sequential focus navigation at the top of the document.
  await page.reload();
  await expect(quickAdd(page)).toBeVisible();

  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to tasks' })).toBeFocused();

  const todayLink = page.getByRole('navigation').getByRole('link', { name: 'Today', exact: true });
  for (
    let i = 0;
    i < 40 && !(await todayLink.evaluate((el) => el === document.activeElement));
    i++
  ) {
    await page.keyboard.press('Tab');
  }
  await expect(todayLink).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/today$/);

  await page.keyboard.press('g');
  await page.keyboard.press('i');
  const row = taskCheckbox(page, 'Sharpen the shears');
  for (let i = 0; i < 60 && !(await row.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(row).toBeFocused();
  await page.keyboard.press('Space');
  await expect(row).toHaveCount(0);
});
