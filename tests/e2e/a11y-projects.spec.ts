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

for (const colorScheme of ['light', 'dark'] as const) {
  test(`a project page with sections has no violations (${colorScheme})`, async ({ browser }) => {
    const context = await browser.newContext();
    const page: Page = await context.newPage();
    await page.emulateMedia({ colorScheme });
    await openApp(page);
    await page.getByRole('button', { name: 'New project' }).click();
    await page.getByRole('textbox', { name: 'New project name' }).fill('Garden');
    await page.getByRole('button', { name: 'Add project' }).click();
    await expect(page.locator('#view-title')).toHaveText('Garden');
    for (const name of ['Spring', 'Autumn']) {
      await page.getByRole('button', { name: 'Add section' }).click();
      await page.getByRole('textbox', { name: 'New section name' }).fill(name);
      await page.keyboard.press('Enter');
      await expect(page.locator('.group-heading').filter({ hasText: name })).toBeVisible();
    }
    await submitQuickAdd(page, 'Order seeds');
    await submitQuickAdd(page, 'Plant tulips /Spring');
    await expect(page.getByRole('checkbox', { name: 'Plant tulips' })).toBeVisible();
    await expectNoViolations(page, `project page with sections (${colorScheme})`);
    await page.getByRole('button', { name: 'Rename section “Autumn”' }).click();
    await expectNoViolations(page, `section rename form (${colorScheme})`);
    await page.keyboard.press('Escape');
    const box = page.getByRole('textbox', { name: 'Quick add' });
    await box.click();
    await box.pressSequentially('Rake /');
    await expect(page.getByRole('listbox', { name: 'Sections' })).toBeVisible();
    await expectNoViolations(page, `section suggestions (${colorScheme})`);
    await box.press('Escape');
    await box.press('Escape');
    await page.getByRole('button', { name: 'Plant tulips', exact: true }).click();
    await expect(page.getByRole('combobox', { name: 'Section' })).toHaveValue(/.+/);
    await expectNoViolations(page, `detail with a section (${colorScheme})`);
    await context.close();
  });
}
