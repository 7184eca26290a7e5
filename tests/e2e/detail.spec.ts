// The task detail never loses what was typed (saved as you go: Esc, a click outside and Close all keep
// it), and its dates follow the user's locale.
import { expect, test } from '@playwright/test';
import { captureTask, openApp, taskCheckbox } from './support/app.ts';

test.use({ locale: 'en-US' });

test('Esc and a click outside keep typed text: each field is saved as you go, with Undo', async ({
  page,
}) => {
  await openApp(page, '/inbox');
  await captureTask(page, 'Renew the passport');
  await page.getByRole('button', { name: 'Renew the passport', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Task details' });
  await dialog.getByLabel('Title', { exact: true }).fill('Renew the passport and ID card');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(taskCheckbox(page, 'Renew the passport and ID card')).toBeVisible();

  await page.getByRole('button', { name: 'Renew the passport and ID card', exact: true }).click();
  await dialog.getByLabel('Notes').fill('Photos from the booth at the station');
  // A click on the backdrop, outside the dialog's box.
  await page.mouse.click(3, 3);
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Renew the passport and ID card', exact: true }).click();
  await expect(dialog.getByLabel('Notes')).toHaveValue('Photos from the booth at the station');

  // Each save is an ordinary edit: Undo (here Ctrl+Z) takes the notes back out.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.keyboard.press('Control+z');
  await page.getByRole('button', { name: 'Renew the passport and ID card', exact: true }).click();
  await expect(dialog.getByLabel('Notes')).toHaveValue('');
});

test("the detail's footer dates follow the browser's locale", async ({ page }) => {
  await openApp(page, '/inbox');
  await captureTask(page, 'Book the dentist');
  await page.getByRole('button', { name: 'Book the dentist', exact: true }).click();
  const footer = page.getByRole('dialog').locator('.detail-meta');
  const day = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' }).format(new Date());
  await expect(footer).toContainText(`Created ${day}`);
  await expect(footer).not.toContainText(/\d\d\/\d\d\/\d{4}/);
});
