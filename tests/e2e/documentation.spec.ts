// The help pages for real: /docs lands on /documentation, the quick-add examples are read by the parser in the
// page, the API reference is rendered from the server's own OpenAPI document, anchors work from the keyboard,
// and with the network off both pages still open from the service worker.
import { expect, test, type Page } from '@playwright/test';
import { openApp, waitForServiceWorkerControl } from './support/app.ts';

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

test.describe('documentation', () => {
  test('/docs opens the guide, generated from the parser and the keymap', async ({ page }) => {
    await page.goto('/docs');
    await expect(heading(page, 'Help')).toBeVisible();
    await expect(page).toHaveURL(/\/documentation$/);
    await expect(page).toHaveTitle('Help · Tend');
    const row = page.getByRole('row', { name: /Team sync every monday at 10am/ });
    await expect(row).toContainText('“Team sync”, due 2026-11-30 10:00');
    await expect(page.getByRole('table', { name: 'Navigation' })).toContainText('Go to Today');
    await expect(page.getByRole('link', { name: 'Help' })).toHaveAttribute('aria-current', 'page');
  });

  test('contents links work from the keyboard and keep the page', async ({ page }) => {
    await page.goto('/documentation');
    const link = page.getByRole('link', { name: 'Privacy' });
    await link.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/documentation#doc-privacy$/);
    await expect(heading(page, 'Help')).toBeVisible();
    await expect(page.getByRole('heading', { name: /^Privacy/ })).toBeInViewport();
    // Focus follows the reader to the section; the route did not change, so it is not sent back to the title.
    await expect(page.getByRole('heading', { name: /^Privacy/ })).toBeFocused();
  });

  test('the API reference lists the operations the server documents', async ({ page, request }) => {
    const served = (await (await request.get('/api/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, object>;
    };
    expect(served.openapi).toMatch(/^3\.1/);
    await page.goto('/documentation');
    await page.getByRole('link', { name: /API reference/ }).click();
    await expect(heading(page, 'API reference')).toBeVisible();
    await expect(page).toHaveURL(/\/documentation\/api$/);
    const push = page.getByRole('article', { name: 'POST /api/sync/push' });
    await expect(push).toContainText('Bearer token');
    await expect(push).toContainText('clientId: string');
    await expect(push).toContainText('401');
    const operations = Object.values(served.paths).reduce(
      (n, ops) => n + Object.keys(ops).length,
      0,
    );
    await expect(page.locator('article.api-op')).toHaveCount(operations);
  });

  test('both pages open offline', async ({ page, context }) => {
    await openApp(page);
    await waitForServiceWorkerControl(page);
    // Seen once online, the API description is kept for offline reading.
    await page.goto('/documentation/api');
    await expect(page.getByRole('article', { name: 'GET /api/tasks', exact: true })).toBeVisible();

    await context.setOffline(true);
    await page.goto('/documentation');
    await expect(heading(page, 'Help')).toBeVisible();
    await expect(page.getByRole('row', { name: /Dentist tomorrow/ })).toContainText(
      'due 2026-11-27',
    );
    await page.goto('/documentation/api');
    await expect(page.getByRole('article', { name: 'GET /api/tasks', exact: true })).toBeVisible();
    await context.setOffline(false);
  });
});
