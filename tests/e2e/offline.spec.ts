import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import {
  captureTask,
  openApp,
  precachedUrls,
  quickAdd,
  taskCheckbox,
  viewLink,
  waitForServiceWorkerControl,
} from './support/app.ts';

test.describe('offline', () => {
  test.beforeEach(async ({ page }) => {
    await openApp(page);
    await waitForServiceWorkerControl(page);
  });

  test('the service worker controls the page and precaches the shell but not the AI code', async ({
    page,
  }) => {
    const controller = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
    expect(controller).toMatch(/\/sw\.js$/);
    const urls = await precachedUrls(page);
    expect(urls).toContain('/index.html');
    expect(urls).toContain('/manifest.webmanifest');
    expect(urls.some((url) => url.startsWith('/assets/') && url.endsWith('.js'))).toBe(true);
    expect(urls.filter((url) => url.startsWith('/assets/ai/'))).toEqual([]);
  });

  test('loads from the service worker offline and keeps what was captured', async ({
    page,
    context,
  }) => {
    await context.setOffline(true);
    await page.reload();
    await expect(quickAdd(page)).toBeVisible();

    await captureTask(page, 'Pack the tent');
    await captureTask(page, 'Charge the headlamp');
    await taskCheckbox(page, 'Charge the headlamp').click();
    await expect(taskCheckbox(page, 'Charge the headlamp')).toHaveCount(0);
    await page.reload();

    await expect(taskCheckbox(page, 'Pack the tent')).toBeVisible();
    await expect(taskCheckbox(page, 'Pack the tent')).not.toBeChecked();
    await viewLink(page, 'Completed').click();
    await expect(taskCheckbox(page, 'Charge the headlamp')).toBeChecked();
    await context.setOffline(false);
  });

  test('deep links and share-target navigations open offline', async ({ page, context }) => {
    await context.setOffline(true);
    await page.goto('/today');
    await expect(viewLink(page, 'Today')).toHaveAttribute('aria-current', 'page');
    await page.goto('/share?title=Recipe&text=Try%20the%20lentil%20soup');
    await expect(quickAdd(page)).toHaveValue(/lentil soup/);
    await context.setOffline(false);
  });

  test('server paths go to the network, app routes come from the service worker', async ({
    page,
  }) => {
    expect((await page.goto('/upcoming'))?.fromServiceWorker()).toBe(true);
    for (const path of ['/health', '/api/sync/pull', '/auth/v1/user']) {
      const response = await page.goto(path);
      expect(response?.fromServiceWorker(), path).toBe(false);
    }
  });

  test('AI chunks are cached only after the user opts in, in the tend-ai cache', async ({
    page,
  }) => {
    const dir = join('dist', 'assets', 'ai');
    const [smallest] = readdirSync(dir)
      .filter((name) => name.endsWith('.js'))
      .sort((a, b) => statSync(join(dir, a)).size - statSync(join(dir, b)).size);
    test.skip(!smallest, 'this build has no AI chunks');
    const url = `/assets/ai/${smallest}`;
    const cachedIn = () =>
      page.evaluate(async (u) => {
        const hits: string[] = [];
        for (const name of await caches.keys()) {
          if (await (await caches.open(name)).match(u)) hits.push(name);
        }
        return hits;
      }, url);

    expect(await page.evaluate(async (u) => (await fetch(u)).status, url)).toBe(200);
    expect(await cachedIn()).toEqual([]);

    // What enableAiCaching() does on opt-in (src/pwa/ai-cache.ts).
    await page.evaluate(() => caches.open('tend-ai'));
    expect(await page.evaluate(async (u) => (await fetch(u)).status, url)).toBe(200);
    expect(await cachedIn()).toEqual(['tend-ai']);
  });
});
