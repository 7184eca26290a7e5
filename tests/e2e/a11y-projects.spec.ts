// The sidebar's project controls and the project page's tools pass axe in light and dark.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { openApp, submitQuickAdd } from './support/app.ts';
import { expectNoViolations } from './support/axe.ts';

for (const colorScheme of ['light', 'dark'] as const) {
  test(`project controls have no violations (${colorScheme})`, async ({ browser }) => {
    const context = await browser.newContext();
    const page: Page = await context.newPage();
    await page.emulateMedia({ colorScheme });
    await openApp(page);
    await page.getByRole('button', { name: 'New project' }).click();
    await expectNoViolations(page, `new project form (${colorScheme})`);
    await page.getByRole('textbox', { name: 'New project name' }).fill('Errands');
    await page.getByRole('button', { name: 'Add project' }).click();
    await expect(page.locator('#view-title')).toHaveText('Errands');
    await submitQuickAdd(page, 'Buy stamps');
    await page.getByRole('combobox', { name: 'Colour' }).selectOption('teal');
    await expectNoViolations(page, `project page (${colorScheme})`);
    await page.getByRole('button', { name: 'Rename' }).click();
    await expectNoViolations(page, `rename form (${colorScheme})`);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Archive' }).click();
    await expect(page.getByText('This project is archived')).toBeVisible();
    await expectNoViolations(page, `archived project (${colorScheme})`);
    await context.close();
  });
}
