// Labels as records, as a person uses them: tag tasks with quick add, rename the label on its page and
// find the new name on every task, here and on a second device after sync; recolour it; quick add's `@`
// suggestions offer the current name; delete the label from its tasks, and one Undo puts it back.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { inbox, openDevice, signIn, syncNow, uniqueEmail } from './support/account.ts';
import { quickAdd, submitQuickAdd, taskCheckbox } from './support/app.ts';

const labelsNav = (page: Page) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('list', { name: 'Labels' });

async function openLabel(page: Page, name: string) {
  await labelsNav(page).getByRole('link', { name }).click();
  await expect(page.locator('#view-title')).toContainText(name);
}

/** The label chips shown on a task's row. */
const chipsOf = (page: Page, title: string) =>
  page
    .locator('.task-row, li')
    .filter({ has: taskCheckbox(page, title) })
    .locator('.meta-label');

test('a renamed label shows its new name on every task, on this device and another after sync', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const email = uniqueEmail('labels');
  const a = await openDevice(browser);
  const b = await openDevice(browser);
  await signIn(a.page, email, 'Create account');
  await inbox(a.page);
  await submitQuickAdd(a.page, 'Buy stamps @errands');
  await submitQuickAdd(a.page, 'Post parcel @errands');
  await expect(chipsOf(a.page, 'Buy stamps').first()).toHaveText('@errands');

  // Rename on the label's page, by keyboard.
  await openLabel(a.page, 'errands');
  await a.page
    .getByRole('group', { name: 'Label' })
    .getByRole('button', { name: 'Rename' })
    .click();
  await a.page.getByRole('textbox', { name: 'Label name' }).fill('shopping');
  await a.page.keyboard.press('Enter');
  await expect(a.page.locator('#view-title')).toContainText('shopping');
  await expect(taskCheckbox(a.page, 'Buy stamps')).toBeVisible();
  await expect(taskCheckbox(a.page, 'Post parcel')).toBeVisible();
  await expect(labelsNav(a.page).getByRole('link', { name: 'errands' })).toHaveCount(0);
  await inbox(a.page);
  await expect(chipsOf(a.page, 'Buy stamps').first()).toHaveText('@shopping');

  // Recolour: the sidebar entry takes the colour.
  await openLabel(a.page, 'shopping');
  await a.page.getByRole('combobox', { name: 'Colour' }).selectOption('teal');
  await expect(labelsNav(a.page).locator('[data-colour="teal"]')).toHaveCount(1);
  // The light theme's teal (#00796b) on the entry's icon.
  await expect(labelsNav(a.page).locator('[data-colour="teal"] .icon')).toHaveCSS(
    'color',
    'rgb(0, 121, 107)',
  );

  // `@` suggestions offer the current name, and a filter by it finds the tasks.
  await inbox(a.page);
  const box = quickAdd(a.page);
  await box.click();
  await box.pressSequentially('Buy bread @sh');
  await expect(a.page.getByRole('listbox', { name: 'Labels' }).getByRole('option')).toHaveText([
    'shopping',
  ]);
  await box.press('Escape');
  await box.fill('');
  await syncNow(a.page);

  // The second device shows the new name on the tasks.
  await signIn(b.page, email, 'Sign in');
  await syncNow(b.page);
  await inbox(b.page);
  await expect(chipsOf(b.page, 'Buy stamps').first()).toHaveText('@shopping');
  await openLabel(b.page, 'shopping');
  await expect(taskCheckbox(b.page, 'Post parcel')).toBeVisible();
  await expect(labelsNav(b.page).getByRole('link', { name: 'errands' })).toHaveCount(0);
});

test('deleting a label takes it off its tasks, and one Undo puts it back', async ({ browser }) => {
  const a = await openDevice(browser);
  await inbox(a.page);
  await submitQuickAdd(a.page, 'Water plants @home');
  await submitQuickAdd(a.page, 'Fix tap @home');
  await openLabel(a.page, 'home');
  await a.page.getByRole('button', { name: 'Delete label' }).click();
  const toast = a.page.getByText('Deleted the label “home” from 2 tasks');
  await expect(toast).toBeVisible();
  await expect(labelsNav(a.page).getByRole('link', { name: 'home' })).toHaveCount(0);
  await expect(chipsOf(a.page, 'Water plants')).toHaveCount(0);
  await toast.locator('..').getByRole('button', { name: 'Undo' }).click();
  await expect(a.page.locator('#view-title')).toContainText('home');
  await expect(taskCheckbox(a.page, 'Water plants')).toBeVisible();
  await expect(taskCheckbox(a.page, 'Fix tap')).toBeVisible();
});
