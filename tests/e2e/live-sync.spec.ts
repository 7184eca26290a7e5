// Live sync in Chromium: two devices of one user, first on the shared e2e server (PGlite), then on two
// server instances sharing one PostgreSQL database. An edit on A appears on B within a couple of
// seconds, with no reload, navigation or focus change on B, and both status elements say "Live".
import { expect, test } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { inbox, openDevice, signIn, uniqueEmail } from './support/account.ts';
import { captureTask, openTask, taskCheckbox } from './support/app.ts';
import { LIVE_INSTANCE_PORTS } from './support/chromium.ts';
import { startInstances } from './support/instances.ts';
import type { Instances } from './support/instances.ts';

/** "Within a couple of seconds": generous for a loaded CI machine, far below the 60 s poll. */
const LIVE_TIMEOUT = 3_000;

async function expectLive(page: Page) {
  await expect(page.getByRole('status')).toContainText('Live', { timeout: 15_000 });
}

/** Marks the page so a reload (which would fetch everything anew) cannot go unnoticed. */
async function markNoReload(page: Page) {
  await page.evaluate(() => ((window as unknown as { tendMark: string }).tendMark = 'same page'));
}
async function expectNoReload(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { tendMark?: string }).tendMark)).toBe(
    'same page',
  );
}

async function twoDevicesOfOneUser(browser: Browser, urls: [string?, string?] = []) {
  const email = uniqueEmail('live');
  const a = await openDevice(browser, urls[0]);
  const b = await openDevice(browser, urls[1]);
  await signIn(a.page, email, 'Create account');
  await signIn(b.page, email, 'Sign in');
  for (const device of [a, b]) {
    await inbox(device.page);
    await expectLive(device.page);
  }
  await markNoReload(b.page);
  return { a, b };
}

async function editOnAShowsOnB(a: Page, b: Page, title: string) {
  await captureTask(a, title);
  await expect(taskCheckbox(b, title)).toBeVisible({ timeout: LIVE_TIMEOUT });

  const dialog = await openTask(a, title);
  await dialog.getByLabel('Title', { exact: true }).fill(`${title}, renamed`);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(taskCheckbox(b, `${title}, renamed`)).toBeVisible({ timeout: LIVE_TIMEOUT });

  await taskCheckbox(a, `${title}, renamed`).click();
  await expect(taskCheckbox(b, `${title}, renamed`)).toHaveCount(0, { timeout: LIVE_TIMEOUT });
  await expectNoReload(b);
}

test('two contexts of one user: an edit on A shows on B live', async ({ browser }) => {
  test.setTimeout(90_000);
  const { a, b } = await twoDevicesOfOneUser(browser);
  await editOnAShowsOnB(a.page, b.page, 'Book the ferry');
  await Promise.all([a.context.close(), b.context.close()]);
});

test.describe('two server instances on one PostgreSQL database', () => {
  let instances: Instances | undefined;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    instances = await startInstances(LIVE_INSTANCE_PORTS);
  });
  test.afterAll(async () => {
    await instances?.close();
  });

  test('A on instance 1 and B on instance 2: an edit on A shows on B live', async ({ browser }) => {
    test.setTimeout(90_000);
    const [one, two] = instances!.urls;
    const { a, b } = await twoDevicesOfOneUser(browser, [one, two]);
    await editOnAShowsOnB(a.page, b.page, 'Water the garden');
    await Promise.all([a.context.close(), b.context.close()]);
  });
});
