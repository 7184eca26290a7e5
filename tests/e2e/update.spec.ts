// The update flow: a second service worker version is served from a copy of dist/, so the test
// controls exactly when "a new version is deployed".
import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { quickAdd, waitForServiceWorkerControl } from './support/app.ts';
import { UPDATE_TEST_PORT } from './support/chromium.ts';
import { startStaticServer, type StaticServer } from './support/static-server.ts';

let dir: string;
let server: StaticServer;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tend-update-'));
  cpSync('dist', dir, { recursive: true });
  server = await startStaticServer(dir, UPDATE_TEST_PORT);
});

test.afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Deploys "version 2": a byte-different sw.js that can say which version it is, and its changelog line. */
function deploySecondVersion() {
  writeFileSync(
    join(dir, 'whats-new.json'),
    JSON.stringify({ version: '9.9.9', summary: 'Reminders that fire.' }),
  );
  appendFileSync(
    join(dir, 'sw.js'),
    `\nself.addEventListener('message', (e) => { if (e.data && e.data.type === 'TEST_VERSION') e.ports[0].postMessage('v2'); });\n`,
  );
}

test('a new version is offered and activates only when the user presses Reload', async ({
  page,
}) => {
  await page.goto(server.url + '/');
  await expect(quickAdd(page)).toBeVisible();
  await waitForServiceWorkerControl(page);
  await page.evaluate(() => Object.assign(window, { tendTestMarker: 'first load' }));
  await quickAdd(page).fill('Half-typed thought');

  deploySecondVersion();
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());

  const toast = page.getByRole('region', { name: 'App update' });
  await expect(toast.getByText('New version available')).toBeVisible({ timeout: 15_000 });
  // The line comes from the new version's changelog, not the running one's.
  await expect(toast.getByText("What's new in 9.9.9: Reminders that fire.")).toBeVisible();
  const axe = await new AxeBuilder({ page }).include('.pwa-toast').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  // Nothing happens under the user's feet: same document, their typing intact, old worker in charge.
  await page.waitForTimeout(1_000);
  expect(await page.evaluate(() => (window as { tendTestMarker?: string }).tendTestMarker)).toBe(
    'first load',
  );
  await expect(quickAdd(page)).toHaveValue('Half-typed thought');
  expect(
    await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting),
  ).toBe(true);

  await Promise.all([
    page.waitForEvent('load'),
    toast.getByRole('button', { name: 'Reload' }).click(),
  ]);
  await expect(quickAdd(page)).toBeVisible();
  expect(await page.evaluate(() => (window as { tendTestMarker?: string }).tendTestMarker)).toBe(
    undefined,
  );
  const version = await page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const controller = navigator.serviceWorker.controller;
        if (!controller) return reject(new Error('no controller'));
        const channel = new MessageChannel();
        channel.port1.onmessage = (event) => resolve(event.data as string);
        controller.postMessage({ type: 'TEST_VERSION' }, [channel.port2]);
      }),
  );
  expect(version).toBe('v2');
  await expect(page.getByText('New version available')).toHaveCount(0);
});

test('a plain static copy of dist/ opens offline from the precache', async ({ page, context }) => {
  await page.goto(server.url + '/');
  await waitForServiceWorkerControl(page);
  await context.setOffline(true);
  await page.goto(server.url + '/upcoming');
  await expect(quickAdd(page)).toBeVisible();
  await context.setOffline(false);
});
