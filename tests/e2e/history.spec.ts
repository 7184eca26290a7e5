// The change history and the Trash across two devices of one account, against the real server: only
// real same-field conflicts are listed, in the UI's words; Restore shows in the form at once; a deletion
// wins over an offline edit, which stays restorable from the deleted task in the Trash.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { captureTask, openApp, taskCheckbox } from './support/app.ts';
import { openDevice, signIn, syncNow, uniqueEmail } from './support/account.ts';

async function openTask(page: Page, title: string) {
  await openApp(page, '/inbox');
  await page.getByRole('button', { name: title, exact: true }).click();
  return page.getByRole('dialog', { name: 'Task details' });
}

async function setPriority(page: Page, title: string, priority: string) {
  const dialog = await openTask(page, title);
  await dialog.getByLabel('Priority', { exact: true }).selectOption(priority);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

async function setNotes(page: Page, title: string, notes: string) {
  const dialog = await openTask(page, title);
  await dialog.getByLabel('Notes', { exact: true }).fill(notes);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

async function rename(page: Page, from: string, to: string) {
  const dialog = await openTask(page, from);
  await dialog.getByLabel('Title', { exact: true }).fill(to);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(taskCheckbox(page, to)).toBeVisible();
}

test('history lists real conflicts as the UI shows them; Restore reaches the form; Trash restores an edit a deletion swallowed', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const email = uniqueEmail('hist');
  const a = await openDevice(browser);
  const b = await openDevice(browser);
  await signIn(a.page, email, 'Create account');
  await openApp(a.page, '/inbox');
  await captureTask(a.page, 'Plan the trip');
  await captureTask(a.page, 'Water the plants');
  await syncNow(a.page);
  await signIn(b.page, email, 'Sign in');
  await syncNow(b.page);
  // An ordinary sequence: B writes notes and syncs; A, having them, writes newer notes later.
  await setNotes(b.page, 'Plan the trip', 'Book trains');
  await syncNow(b.page);
  await syncNow(a.page);

  // B, offline, sets P1 and renames the second task; A then sets P2, renames the first task (an
  // ordinary edit B never touched) and deletes the second.
  await b.context.setOffline(true);
  await setPriority(b.page, 'Plan the trip', '1');
  await rename(b.page, 'Water the plants', 'Water the plants twice');
  await setPriority(a.page, 'Plan the trip', '2');
  await setNotes(a.page, 'Plan the trip', 'Book trains and a hotel');
  await rename(a.page, 'Plan the trip', 'Plan the trip to Lyon');
  await taskCheckbox(a.page, 'Water the plants').focus();
  await a.page.keyboard.press('Delete');
  await expect(taskCheckbox(a.page, 'Water the plants')).toHaveCount(0);
  await syncNow(a.page);

  await b.context.setOffline(false);
  await syncNow(b.page);

  // B's P1 lost to A's later P2: one entry, in the UI's words. A's notes replaced B's synced notes
  // and A's rename a title B never wrote: ordinary edits, not conflicts.
  const dialog = await openTask(b.page, 'Plan the trip to Lyon');
  const history = dialog.getByRole('region', { name: 'Change history' });
  await expect(dialog.getByLabel('Priority', { exact: true })).toHaveValue('2');
  await expect(history.getByRole('listitem')).toHaveCount(1);
  await expect(history).toContainText('Priority: your “P1” was replaced by “P2”');
  await history.getByRole('button', { name: 'Restore Priority to “P1”' }).click();
  await expect(dialog.getByLabel('Priority', { exact: true })).toHaveValue('1');
  await expect(history).toContainText('Restored');
  await expect(history.getByRole('button', { name: /^Restore/ })).toHaveCount(0);
  // Closing keeps the restored value (nothing stale in the form writes the old one back).
  await b.page.keyboard.press('Escape');
  await expect(
    b.page
      .locator('[data-task-id]', { hasText: 'Plan the trip to Lyon' })
      .locator('.meta-priority'),
  ).toHaveText('P1');

  // The deletion won; the Trash has the task, and its history the edit that lost.
  await expect(taskCheckbox(b.page, 'Water the plants twice')).toHaveCount(0);
  await b.page.getByRole('navigation').getByRole('link', { name: 'Trash', exact: true }).click();
  await expect(b.page.getByRole('heading', { level: 1, name: 'Trash' })).toBeVisible();
  const axe = await new AxeBuilder({ page: b.page }).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await b.page.getByRole('button', { name: 'Water the plants twice', exact: true }).click();
  const lost = b.page.getByRole('dialog', { name: 'Task details' });
  await expect(lost).toContainText(
    'your edit “Water the plants twice” lost when another device deleted this task',
  );
  await lost
    .getByRole('button', { name: 'Restore the task with Title “Water the plants twice”' })
    .click();
  // Stored before the page is left: a navigation aborts an IndexedDB write still under way.
  await expect(lost).toContainText('Task restored with your title.');
  await b.page.keyboard.press('Escape');
  await openApp(b.page, '/inbox');
  await expect(taskCheckbox(b.page, 'Water the plants twice')).toBeVisible();
  await syncNow(b.page);
  await syncNow(a.page);
  await openApp(a.page, '/inbox');
  await expect(taskCheckbox(a.page, 'Water the plants twice')).toBeVisible();

  await Promise.all([a.context.close(), b.context.close()]);
});

test('the Trash lists deleted tasks with Restore, from the keyboard', async ({ page }) => {
  await openApp(page, '/inbox');
  await captureTask(page, 'Return the library books');
  await page.getByRole('textbox', { name: 'Quick add' }).press('Escape');
  await page.keyboard.press('j');
  await page.keyboard.press('Delete');
  await expect(taskCheckbox(page, 'Return the library books')).toHaveCount(0);
  await page.keyboard.press('g');
  await page.keyboard.press('d');
  await expect(page).toHaveURL(/\/trash$/);
  const restore = page.getByRole('button', { name: 'Restore “Return the library books”' });
  await restore.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('The Trash is empty')).toBeVisible();
  await page.keyboard.press('g');
  await page.keyboard.press('i');
  await expect(taskCheckbox(page, 'Return the library books')).toBeVisible();
});
