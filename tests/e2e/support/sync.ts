// Devices and accounts against the real server: a browser context per device, sign-in through
// Settings → Account, and "Sync now" until nothing is pending.
import { expect } from '@playwright/test';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { openApp } from './app.ts';

export const PASSWORD = 'correct horse battery';

export const uniqueEmail = (who: string) =>
  `${who}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;

export async function device(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await openApp(page);
  return { context, page };
}

export const account = (page: Page) => page.getByRole('region', { name: 'Account and sync' });

export async function signIn(page: Page, email: string, mode: 'Sign in' | 'Create account') {
  await page.goto('/settings');
  await account(page).getByLabel('Email').fill(email);
  await account(page).getByLabel('Password').fill(PASSWORD);
  await account(page).getByRole('button', { name: mode }).click();
  await expect(account(page).getByText(`Signed in as ${email}`)).toBeVisible();
}

/** Asks for a sync from Settings and waits until it finished with nothing pending. */
export async function syncNow(page: Page) {
  await page.goto('/settings');
  await account(page).getByRole('button', { name: 'Sync now' }).click();
  const diagnostics = account(page).getByRole('definition');
  await expect(diagnostics.first()).toHaveText('Synced', { timeout: 15_000 });
  await expect(account(page).getByText('Changes waiting to sync').locator('+ dd')).toHaveText('0');
}
