// Quick add suggests existing projects while typing: a person starts "#Ho", picks "Home Renovation" from
// the list with the keyboard, and the task is filed in that project, multi-word name and all. The open
// list passes axe in light and dark.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { openApp, quickAdd, taskCheckbox } from './support/app.ts';
import { expectNoViolations } from './support/axe.ts';

async function createProject(page: Page, name: string) {
  await page.getByRole('button', { name: 'New project' }).click();
  await page.getByRole('textbox', { name: 'New project name' }).fill(name);
  await page.getByRole('button', { name: 'Add project' }).click();
  await expect(page.locator('#view-title')).toHaveText(name);
}

test('a project chosen from the suggestions files the task in it', async ({ page }) => {
  await openApp(page, '/inbox');
  await createProject(page, 'Home');
  await createProject(page, 'Home Renovation');
  await page.goto('/inbox');

  const box = quickAdd(page);
  await box.click();
  await box.pressSequentially('Paint the hall #Ho');
  const list = page.getByRole('listbox', { name: 'Projects' });
  await expect(list.getByRole('option')).toHaveText(['Home', 'Home Renovation']);
  await expect(list).toBeVisible();

  await box.press('ArrowDown');
  await box.press('ArrowDown');
  const chosen = list.getByRole('option', { name: 'Home Renovation' });
  await expect(chosen).toHaveAttribute('aria-selected', 'true');
  await expect(box).toHaveAttribute('aria-activedescendant', (await chosen.getAttribute('id'))!);
  await box.press('Enter');
  await expect(box).toHaveValue('Paint the hall #Home Renovation ');
  await expect(list).toBeHidden();
  await expect(page.getByRole('list', { name: 'Detected' })).toContainText('#Home Renovation');

  await box.press('Enter');
  await expect(box).toHaveValue('');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Home Renovation' })
    .click();
  await expect(page.locator('#view-title')).toHaveText('Home Renovation');
  await expect(taskCheckbox(page, 'Paint the hall')).toBeVisible();
});

test('Escape closes the suggestions and keeps the text', async ({ page }) => {
  await openApp(page, '/inbox');
  await createProject(page, 'Home Renovation');
  const box = quickAdd(page);
  await box.click();
  await box.pressSequentially('Sand floors #Home R');
  await expect(page.getByRole('listbox', { name: 'Projects' })).toBeVisible();
  await box.press('Escape');
  await expect(page.getByRole('listbox', { name: 'Projects' })).toBeHidden();
  await expect(box).toHaveValue('Sand floors #Home R');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the open suggestions have no violations (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await openApp(page, '/inbox');
    await createProject(page, 'Home Renovation');
    const box = quickAdd(page);
    await box.click();
    await box.pressSequentially('Tile #Home');
    await box.press('ArrowDown');
    await expect(page.getByRole('option', { name: 'Home Renovation' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expectNoViolations(page, `quick add suggestions (${colorScheme})`);
  });
}
