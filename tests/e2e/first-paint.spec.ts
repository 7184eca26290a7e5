// The shell paints before Dexie has loaded (Dexie and the database module come after the entry's own
// JS), and whatever a person does in that moment waits for the database instead of failing: a capture
// and a new project are stored once it opens. An empty Inbox shows its empty state in that first paint
// (read with plain IndexedDB), and the shell does not move when the rows arrive.
import { expect, test } from '@playwright/test';
import type { Page, Route } from '@playwright/test';
import { captureTask, openApp, quickAdd, taskCheckbox } from './support/app.ts';

// Requests answered by a service worker bypass page.route: these pages load from the network.
test.use({ serviceWorkers: 'block' });

/** Holds back the script that carries Dexie until the returned function is called. */
async function holdDexie(page: Page): Promise<{ held: Promise<void>; release: () => void }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let markHeld!: () => void;
  const held = new Promise<void>((resolve) => (markHeld = resolve));
  await page.route('**/assets/*.js', async (route: Route) => {
    try {
      const response = await route.fetch();
      const body = await response.text();
      // A name only Dexie's own code holds (its base error class).
      if (body.includes('DexieError')) {
        markHeld();
        await released;
      }
      await route.fulfill({ response, body });
    } catch {
      // The page reloaded or closed while this script was in flight: nobody waits for it.
    }
  });
  return { held, release };
}

const layoutShift = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as unknown as { value: number }[])
            total += entry.value;
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(total), 500);
      }),
  );

test('the shell paints while Dexie is still loading, and a capture made then is kept', async ({
  page,
}) => {
  const { held, release } = await holdDexie(page);
  await page.goto('/inbox', { waitUntil: 'commit' });
  await held;
  await expect(quickAdd(page)).toBeVisible();
  await expect(page.locator('#view-title')).toHaveText('Inbox');
  // A first visit: plain IndexedDB already told the shell that nothing is open.
  await expect(page.getByRole('heading', { name: 'Your inbox is clear' })).toBeVisible();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));

  await quickAdd(page).fill('Water the ferns');
  await quickAdd(page).press('Enter');
  release();
  await expect(taskCheckbox(page, 'Water the ferns')).toBeVisible();
  expect(await layoutShift(page)).toBeLessThan(0.01);

  await page.reload();
  await expect(taskCheckbox(page, 'Water the ferns')).toBeVisible();
  expect(errors).toEqual([]);
});

test('the Inbox paints its rows while Dexie is still loading, and they stay put when it arrives', async ({
  page,
}) => {
  await openApp(page, '/inbox');
  for (const title of ['Call the plumber', 'Pay rent @errand', 'Book flights'])
    await captureTask(page, title, title.replace(' @errand', ''));
  await expect(taskCheckbox(page, 'Book flights')).toBeVisible();

  const { held, release } = await holdDexie(page);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.reload({ waitUntil: 'commit' });
  await held;
  // Read with plain IndexedDB, in the view's order, with their labels, before Dexie has loaded.
  const rows = page.locator('main [data-task-id]');
  await expect(rows).toHaveText([/Call the plumber/, /Pay rent.*errand/, /Book flights/]);

  release();
  // Dexie's live query takes over with the same rows, and they work: one is completed.
  await taskCheckbox(page, 'Call the plumber').click();
  await expect(rows).toHaveText([/Pay rent.*errand/, /Book flights/]);
  expect(await layoutShift(page)).toBeLessThan(0.01);
  expect(errors).toEqual([]);
});

test('a project created before the database opens is stored once it does', async ({ page }) => {
  const { held, release } = await holdDexie(page);
  await page.goto('/inbox', { waitUntil: 'commit' });
  await held;
  await page.getByRole('button', { name: 'New project' }).click();
  await page.getByRole('textbox', { name: 'New project name' }).fill('Garden');
  await page.getByRole('button', { name: 'Add project' }).click();
  release();
  await expect(page.locator('#view-title')).toHaveText('Garden');

  await openApp(page, '/inbox');
  await expect(page.getByRole('link', { name: /Garden/ })).toBeVisible();
});

test('Settings opened while Dexie loads shows its panels and exports once it has, without errors', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const { held, release } = await holdDexie(page);
  await page.goto('/settings', { waitUntil: 'commit' });
  await held;
  release();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.json$/);
  await expect(page.getByRole('heading', { name: 'On-device AI' })).toBeVisible();
  expect(errors).toEqual([]);
});
