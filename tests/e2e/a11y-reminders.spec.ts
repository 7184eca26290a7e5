// axe on reminders: the quick-add chip, the detail's Reminders section (both kinds, with an error), and
// the default-reminder setting, in light and dark.
import { expect, test, type Page } from '@playwright/test';
import { captureTask, openApp, quickAdd } from './support/app.ts';
import { expectNoViolations } from './support/axe.ts';

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} scheme`, () => {
    let page: Page;

    test.beforeAll(async ({ browser }) => {
      const context = await browser.newContext();
      page = await context.newPage();
      await page.emulateMedia({ colorScheme });
      await openApp(page, '/inbox');
      await captureTask(page, 'Dentist !30 min before !tomorrow 9am', 'Dentist');
    });
    test.afterAll(async () => page?.context().close());

    test('the reminder chip in quick add has no violations', async () => {
      await page.goto('/inbox');
      await quickAdd(page).fill('Call mom tomorrow 5pm !1h before');
      await expect(page.getByRole('list', { name: 'Detected' })).toContainText('1 h before');
      await expectNoViolations(page, `reminder chip (${colorScheme})`);
      await quickAdd(page).fill('');
    });

    test('the detail with reminders, either kind and an error, has no violations', async () => {
      await page.goto('/inbox');
      await page.getByRole('button', { name: 'Dentist', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Task details' });
      await expect(
        dialog.getByRole('list', { name: 'Reminders' }).getByRole('listitem'),
      ).toHaveCount(2);
      await expect(dialog.getByText('Fires only when the task has a due time.')).toBeVisible();
      await expectNoViolations(page, `detail reminders (${colorScheme})`);
      await dialog.getByRole('radio', { name: 'At a time' }).check();
      await dialog.getByRole('button', { name: 'Add reminder' }).click();
      await expect(dialog.getByRole('alert')).toHaveText(
        'Choose a date and time for the reminder.',
      );
      await expectNoViolations(page, `detail reminder error (${colorScheme})`);
      await page.keyboard.press('Escape');
    });

    test('the default reminder setting has no violations', async () => {
      await page.goto('/settings');
      await page
        .getByRole('combobox', { name: 'Default reminder for tasks with a due time' })
        .selectOption({ label: '30 min before' });
      await expectNoViolations(page, `reminder settings (${colorScheme})`);
    });
  });
}
