// The label page's tools pass axe in light and dark.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { openApp, submitQuickAdd } from './support/app.ts';
import { expectNoViolations } from './support/axe.ts';

for (const colorScheme of ['light', 'dark'] as const) {
  test(`label controls have no violations (${colorScheme})`, async ({ browser }) => {
    const context = await browser.newContext();
    const page: Page = await context.newPage();
    await page.emulateMedia({ colorScheme });
    await openApp(page);
    await submitQuickAdd(page, 'Buy stamps @errands');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('list', { name: 'Labels' })
      .getByRole('link', { name: 'errands' })
      .click();
    await expect(page.locator('#view-title')).toContainText('errands');
    await page.getByRole('combobox', { name: 'Colour' }).selectOption('purple');
    await expectNoViolations(page, `label page (${colorScheme})`);
    await page.getByRole('button', { name: 'Rename' }).click();
    await expectNoViolations(page, `label rename form (${colorScheme})`);
    await context.close();
  });
}
