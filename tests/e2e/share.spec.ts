import { expect, test } from '@playwright/test';
import { openApp, quickAdd } from './support/app.ts';

test('text shared to Tend lands in quick add and saves as a task', async ({ page }) => {
  await page.goto(
    '/share?title=Article&text=Read%20the%20soil%20guide&url=https%3A%2F%2Fexample.org%2Fsoil',
  );
  const box = quickAdd(page);
  await expect(box).toBeVisible();
  await expect(box).toHaveValue(/Read the soil guide/);
  await expect(box).toBeFocused();
  await box.press('Enter');
  await expect(page.getByRole('checkbox', { name: /Read the soil guide/ })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('checkbox', { name: /Read the soil guide/ })).toBeVisible();
});

test('the manifest declares the share target and the shortcuts', async ({ page, request }) => {
  await openApp(page);
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBe('/manifest.webmanifest');
  const response = await request.get(href!);
  expect(response.headers()['content-type']).toContain('application/manifest+json');
  const manifest = await response.json();
  expect(manifest.share_target).toEqual({
    action: '/share',
    method: 'GET',
    params: { title: 'title', text: 'text', url: 'url' },
  });
  expect(manifest.shortcuts.map((s: { name: string }) => s.name)).toEqual(['New task', 'Today']);
  await page.goto(manifest.shortcuts[0].url);
  await expect(quickAdd(page)).toBeFocused();
});
