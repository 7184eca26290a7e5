// Links in a task's notes open from the detail view; a script URL in the notes stays text. The detail
// with a link passes axe in light and dark.
import { expect, test } from '@playwright/test';
import { captureTask, openApp } from './support/app.ts';
import { expectNoViolations } from './support/axe.ts';

for (const colorScheme of ['light', 'dark'] as const) {
  test(`notes links are clickable and safe (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await openApp(page, '/inbox');
    await captureTask(page, 'Book the venue');
    await page.getByRole('button', { name: 'Book the venue', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Task details' });
    await dialog
      .getByLabel('Notes')
      .fill('Quote at https://example.com/quote. Not javascript:alert(1) <b>bold</b>');
    const links = dialog.getByRole('group', { name: 'Links in the notes' });
    const link = links.getByRole('link', { name: 'https://example.com/quote' });
    await expect(link).toHaveAttribute('href', 'https://example.com/quote');
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    await expect(links.getByRole('link')).toHaveCount(1);
    await expect(links).toContainText('<b>bold</b>');
    await expectNoViolations(page, `task detail with a notes link (${colorScheme})`);
  });
}
