import { expect, test } from '@playwright/test';
import { captureTask, openApp, quickAdd, taskCheckbox, viewLink } from './support/app.ts';

test('a captured task is still there after a reload', async ({ page }) => {
  await openApp(page);
  await captureTask(page, 'Water the ferns');
  await page.reload();
  await expect(taskCheckbox(page, 'Water the ferns')).toBeVisible();
});

test('quick add parses the phrase and completing a task survives a reload', async ({ page }) => {
  await openApp(page);
  await captureTask(page, 'Call the plumber p1 @home', 'Call the plumber');
  // Completing moves the task out of the open view (the store decides, the live query re-renders).
  await taskCheckbox(page, 'Call the plumber').click();
  await expect(taskCheckbox(page, 'Call the plumber')).toHaveCount(0);
  await page.reload();
  await expect(quickAdd(page)).toBeVisible();
  await viewLink(page, 'Completed').click();
  await expect(page).toHaveURL(/\/completed$/);
  await expect(taskCheckbox(page, 'Call the plumber')).toBeChecked();
});

test('every view opens from the navigation landmark', async ({ page }) => {
  await openApp(page);
  for (const [name, path] of [
    ['Today', '/today'],
    ['Upcoming', '/upcoming'],
    ['Completed', '/completed'],
    ['Inbox', '/inbox'],
  ] as const) {
    await viewLink(page, name).click();
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(viewLink(page, name)).toHaveAttribute('aria-current', 'page');
  }
});

test('connectivity state is shown in a status element', async ({ page }) => {
  await openApp(page);
  await expect(page.getByRole('status').first()).toBeAttached();
});
