// axe on Settings → Account in light and dark: the sign-in form (with an error), and the signed-in
// account settings with an error shown and the delete confirmation open.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const account = (page: Page) => page.getByRole('region', { name: 'Account and sync' });

async function expectNoViolations(page: Page, what: string) {
  await page.evaluate(() => document.fonts.ready);
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  expect(summary, `axe violations on ${what}`).toEqual([]);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the account panel has no violations (${colorScheme})`, async ({ browser }) => {
    test.setTimeout(60_000);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme });
    await page.goto('/settings');
    await expect(account(page).getByRole('button', { name: 'Sign in' })).toBeVisible();
    await account(page).getByRole('button', { name: 'Forgot password?' }).click();
    await expect(account(page).getByRole('alert')).toContainText('Enter your email first');
    await expectNoViolations(page, `sign-in form with an error (${colorScheme})`);

    const email = `a11y-${colorScheme}-${Date.now()}@example.com`;
    await account(page).getByRole('textbox', { name: 'Email' }).fill(email);
    await account(page).getByRole('textbox', { name: 'Password' }).fill('accessible one');
    await account(page).getByRole('button', { name: 'Create account' }).click();
    await expect(account(page).getByText(`Signed in as ${email}`)).toBeVisible();
    await account(page).getByRole('textbox', { name: 'New password' }).fill('short');
    await account(page).getByRole('button', { name: 'Change password' }).click();
    await expect(account(page).getByRole('alert').filter({ hasText: /./ })).toHaveText(
      'Choose a password of at least 8 characters.',
    );
    await account(page).getByRole('button', { name: 'Delete account…' }).click();
    await expect(
      account(page).getByRole('textbox', { name: 'Password', exact: true }),
    ).toBeFocused();
    await expectNoViolations(page, `signed-in account settings (${colorScheme})`);
    await context.close();
  });
}
