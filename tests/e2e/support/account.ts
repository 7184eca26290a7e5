// Signing in and syncing through Settings -> Account, as a person would; shared by the sync specs.
import { expect } from '@playwright/test';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { openApp, quickAdd } from './app.ts';

export const PASSWORD = 'correct horse battery';

export const uniqueEmail = (who: string) =>
  `${who}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;

/** A device: its own browser context (storage, service worker), optionally on another server. */
export async function openDevice(
  browser: Browser,
  baseURL?: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(baseURL ? { baseURL } : {});
  const page = await context.newPage();
  await openApp(page);
  return { context, page };
}

export const accountPanel = (page: Page) => page.getByRole('region', { name: 'Account and sync' });

export async function signIn(page: Page, email: string, mode: 'Sign in' | 'Create account') {
  await page.goto('/settings');
  await accountPanel(page).getByLabel('Email').fill(email);
  await accountPanel(page).getByLabel('Password').fill(PASSWORD);
  await accountPanel(page).getByRole('button', { name: mode }).click();
  await expect(accountPanel(page).getByText(`Signed in as ${email}`)).toBeVisible();
}

/** Asks for a sync from Settings and waits until it finished with nothing pending. */
export async function syncNow(page: Page) {
  await page.goto('/settings');
  await accountPanel(page).getByRole('button', { name: 'Sync now' }).click();
  const diagnostics = accountPanel(page).getByRole('definition');
  await expect(diagnostics.first()).toHaveText('Synced', { timeout: 15_000 });
  await expect(accountPanel(page).getByText('Changes waiting to sync').locator('+ dd')).toHaveText(
    '0',
  );
}

export async function inbox(page: Page) {
  await page.goto('/');
  await expect(quickAdd(page)).toBeVisible();
}
