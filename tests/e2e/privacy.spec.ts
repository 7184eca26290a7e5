// Signing out never hands one account's tasks to the next: user 1 signs in, syncs and signs out keeping
// a copy; user 2 is created in the same browser and is asked, and user 2's server data has none of them.
import { expect, test } from '@playwright/test';
import { captureTask, openApp, taskCheckbox } from './support/app.ts';
import { accountPanel, openDevice, signIn, syncNow, uniqueEmail } from './support/account.ts';

test("user 2 in the same browser never receives user 1's tasks without asking", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { context, page } = await openDevice(browser);
  await signIn(page, uniqueEmail('one'), 'Create account');
  await openApp(page, '/inbox');
  await captureTask(page, 'Private diary entry');
  await syncNow(page);

  await page.goto('/settings');
  await accountPanel(page).getByRole('button', { name: 'Sign out' }).click();
  await accountPanel(page).getByRole('button', { name: 'Keep a copy on this device' }).click();
  await expect(accountPanel(page).getByRole('button', { name: 'Create account' })).toBeVisible();

  const two = uniqueEmail('two');
  await signIn(page, two, 'Create account');
  await expect(accountPanel(page)).toContainText('Add these 1 task to this account?');
  await page.waitForTimeout(2000);

  // User 2 on another device: the server holds none of user 1's tasks.
  const other = await openDevice(browser);
  await signIn(other.page, two, 'Sign in');
  await syncNow(other.page);
  await openApp(other.page, '/inbox');
  await expect(taskCheckbox(other.page, 'Private diary entry')).toHaveCount(0);

  // Declining removes them here; they never reach user 2.
  await accountPanel(page).getByRole('button', { name: 'Remove them from this device' }).click();
  // The question goes once the removal is written; navigating before that would abort it.
  await expect(accountPanel(page)).not.toContainText('Add these 1 task to this account?');
  await openApp(page, '/inbox');
  await expect(taskCheckbox(page, 'Private diary entry')).toHaveCount(0);
  await Promise.all([context.close(), other.context.close()]);
});
