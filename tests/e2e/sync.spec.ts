// Two devices of one person and a stranger, against the real server (npm start): offline capture and
// edits on A, edits of other fields on B, both converge with both edits; the stranger sees none of it.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { inbox, openDevice, signIn, syncNow, uniqueEmail } from './support/account.ts';
import { captureTask, openTask, taskCheckbox } from './support/app.ts';

async function expectTask(page: Page, title: string, priority: string) {
  await inbox(page);
  const dialog = await openTask(page, title);
  await expect(dialog.getByLabel('Title', { exact: true })).toHaveValue(title);
  await expect(dialog.getByLabel('Priority', { exact: true })).toHaveValue(priority);
  await dialog.getByRole('button', { name: 'Close' }).click();
}

test('two devices converge after offline edits; another user sees none of it', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const email = uniqueEmail('ada');
  const a = await openDevice(browser);
  const b = await openDevice(browser);

  await signIn(a.page, email, 'Create account');
  // The signed-in account panel (diagnostics included) passes axe.
  const axe = await new AxeBuilder({ page: a.page }).include('.account-panel').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await inbox(a.page);
  await captureTask(a.page, 'Buy train tickets');
  await captureTask(a.page, 'Water the plants');
  await syncNow(a.page);

  await signIn(b.page, email, 'Sign in');
  await syncNow(b.page);
  await inbox(b.page);
  await expect(taskCheckbox(b.page, 'Buy train tickets')).toBeVisible();
  await expect(taskCheckbox(b.page, 'Water the plants')).toBeVisible();

  // A goes offline: captures a new task and renames both shared ones.
  await a.context.setOffline(true);
  await inbox(a.page);
  await captureTask(a.page, 'Pack the tent');
  for (const [from, to] of [
    ['Buy train tickets', 'Buy train tickets to Lyon'],
    ['Water the plants', 'Water the plants twice'],
  ]) {
    const dialog = await openTask(a.page, from);
    await dialog.getByLabel('Title', { exact: true }).fill(to);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(taskCheckbox(a.page, to)).toBeVisible();
  }

  // Meanwhile B, online, changes another field of the same tasks.
  for (const title of ['Buy train tickets', 'Water the plants']) {
    await inbox(b.page);
    const dialog = await openTask(b.page, title);
    await dialog.getByLabel('Priority', { exact: true }).selectOption('1');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
  }
  await syncNow(b.page);

  // A comes back; both devices end up with both edits.
  await a.context.setOffline(false);
  await syncNow(a.page);
  await syncNow(b.page);
  for (const page of [a.page, b.page]) {
    await expectTask(page, 'Buy train tickets to Lyon', '1');
    await expectTask(page, 'Water the plants twice', '1');
    await expect(taskCheckbox(page, 'Pack the tent')).toBeVisible();
  }

  // A stranger on a third device sees none of these tasks.
  const c = await openDevice(browser);
  await signIn(c.page, uniqueEmail('eve'), 'Create account');
  await syncNow(c.page);
  await inbox(c.page);
  for (const title of ['Buy train tickets to Lyon', 'Water the plants twice', 'Pack the tent'])
    await expect(taskCheckbox(c.page, title)).toHaveCount(0);

  await Promise.all([a.context.close(), b.context.close(), c.context.close()]);
});
