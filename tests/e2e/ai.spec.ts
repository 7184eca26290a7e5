// On-device AI in real Chromium, which has no usable WebGPU on these machines (--disable-gpu):
// Settings must say so with a reason, quick add must keep working on its rules, the page must log
// no errors, and none of the AI code or model may have been fetched or precached.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import {
  captureTask,
  openApp,
  precachedUrls,
  taskCheckbox,
  waitForServiceWorkerControl,
} from './support/app.ts';

function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  return errors;
}

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'On-device AI' })).toBeVisible();
}

test('Settings reports on-device AI unavailable with its reason', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await openApp(page);
  await openSettings(page);

  const section = page.locator('section', {
    has: page.getByRole('heading', { name: 'On-device AI' }),
  });
  await expect(section.getByText('On-device AI is not available on this device.')).toBeVisible();
  await expect(
    section.getByText(/^Reason: .*(navigator\.gpu|no GPU adapter|too little memory)/),
  ).toBeVisible();
  await expect(section.getByRole('switch', { name: 'Use on-device AI for quick add' })).toHaveCount(
    0,
  );
  await expect(
    section.getByRole('switch', { name: 'Share these figures with the Tend server' }),
  ).not.toBeChecked();

  const axe = await new AxeBuilder({ page })
    .include('section[aria-labelledby="settings-ai"]')
    .analyze();
  expect(axe.violations).toEqual([]);
  expect(errors).toEqual([]);
});

test('the AI settings work from the keyboard', async ({ page }) => {
  await openApp(page);
  await openSettings(page);
  const share = page.getByRole('switch', { name: 'Share these figures with the Tend server' });
  await share.focus();
  await page.keyboard.press('Space');
  await expect(share).toBeChecked();
  await page.reload();
  await expect(
    page.getByRole('switch', { name: 'Share these figures with the Tend server' }),
  ).toBeChecked();
});

test('quick add keeps working on its rules, without loading the model code', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  const aiRequests: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (/web-llm|huggingface|raw\.githubusercontent/.test(url)) aiRequests.push(url);
  });
  await openApp(page);
  await captureTask(page, 'Water the ferns p2 @home', 'Water the ferns');
  await captureTask(page, 'Read 1984');
  await page.reload();
  await expect(taskCheckbox(page, 'Water the ferns')).toBeVisible();
  await expect(taskCheckbox(page, 'Read 1984')).toBeVisible();

  expect(aiRequests).toEqual([]);
  await waitForServiceWorkerControl(page);
  expect((await precachedUrls(page)).filter((url) => /\/assets\/ai\/|web-llm/.test(url))).toEqual(
    [],
  );
  expect(errors).toEqual([]);
});
