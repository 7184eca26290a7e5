// The sync status pill tells the truth: "Local only" without a pending count before anyone signs in,
// never "Synced" while a change waits, "Server unreachable" when the network is up but the server is
// not, "Offline" only when the browser is; it opens a panel with the last sync and "Sync now".
import { expect, test, type Page } from '@playwright/test';
import { captureTask, openApp } from './support/app.ts';
import { openDevice, signIn, uniqueEmail } from './support/account.ts';

const pill = (page: Page) => page.locator('.sync-status');
const status = (page: Page) => page.getByRole('status');

test('never signed in: Local only, and no pending count', async ({ page }) => {
  await openApp(page, '/inbox');
  await captureTask(page, 'Buy stamps');
  await captureTask(page, 'Post the letter');
  // Sync starts after the first paint and counts the outbox; give it time to (not) show a number.
  await page.waitForTimeout(2500);
  await expect(status(page)).toHaveText('Local only');
  await pill(page).click();
  const panel = page.getByRole('region', { name: 'Sync' });
  await expect(panel).toContainText('Last syncedNever');
  await expect(panel.getByRole('button', { name: 'Sync now' })).toHaveCount(0);
});

test('signed in: Server unreachable vs Offline, never "Synced · 1 pending", Sync now in the panel', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const { context, page } = await openDevice(browser);
  await signIn(page, uniqueEmail('pill'), 'Create account');
  await openApp(page, '/inbox');
  await expect(status(page)).toHaveText(/^(Synced|Live)/, { timeout: 15_000 });

  // Right after a capture, while the change waits for the next push, the pill never says Synced.
  const seen: string[] = [];
  const sample = setInterval(
    () =>
      void status(page)
        .textContent()
        .then(
          (t) => t && seen.push(t),
          () => undefined,
        ),
    25,
  );
  await captureTask(page, 'Renew the lease');
  await page.waitForTimeout(2000);
  clearInterval(sample);
  expect(seen.filter((t) => /^(Synced|Live).*pending/.test(t))).toEqual([]);
  await expect(status(page)).toHaveText(/^(Synced|Live)/);

  // The server stops answering while the network is up.
  // On the context, so the service worker's Background Sync cannot reach it either.
  await context.route('**/api/sync/**', (route) => route.abort('connectionrefused'));
  await captureTask(page, 'Call the landlord');
  await expect(status(page)).toContainText('Server unreachable', { timeout: 15_000 });
  await expect(status(page)).toContainText('1 pending');

  // The browser goes offline: now it is Offline.
  await context.setOffline(true);
  await expect(status(page)).toContainText('Offline');
  await context.setOffline(false);
  await context.unroute('**/api/sync/**');

  // The panel: last sync, changes waiting, Sync now.
  await pill(page).click();
  const panel = page.getByRole('region', { name: 'Sync' });
  await expect(panel).toContainText('Changes waiting');
  await panel.getByRole('button', { name: 'Sync now' }).click();
  await expect(status(page)).toHaveText(/^(Synced|Live)/, { timeout: 15_000 });
  await expect(panel).toContainText('Changes waiting0 changes');
  await expect(panel).not.toContainText('Last syncedNever');
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await context.close();
});
