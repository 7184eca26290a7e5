// axe on the help pages in light and dark: the guide and the API reference rendered from the server.
import { expect, test } from '@playwright/test';
import { expectNoViolations } from './support/axe.ts';

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the help pages have no violations (${colorScheme})`, async ({ page }) => {
    test.setTimeout(60_000);
    await page.emulateMedia({ colorScheme });
    await page.goto('/documentation');
    await expect(page.getByRole('heading', { level: 1, name: 'Help' })).toBeVisible();
    await expectNoViolations(page, `the guide (${colorScheme})`);
    await page.goto('/documentation/api');
    await expect(page.getByRole('article', { name: 'POST /api/sync/push' })).toBeVisible();
    await expectNoViolations(page, `the API reference (${colorScheme})`);
  });
}
