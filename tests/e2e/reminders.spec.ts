// Reminders in Chromium: quick add's ! syntax as a chip, the detail's Reminders section (by keyboard), an
// in-page notification firing once notifications are allowed, and the JSON export round trip.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { captureTask, openApp, quickAdd, taskCheckbox } from './support/app.ts';

test.use({ locale: 'en-GB', timezoneId: 'Europe/Berlin' });

/**
 * Records every notification the page shows. A spy, named as such: headless Chromium has no notification
 * centre to look at, so the page's calls to `registration.showNotification` and `new Notification` are
 * wrapped (and still made) and their titles and tags kept in `window.__notifications`.
 */
async function spyOnNotifications(page: Page) {
  await page.addInitScript(() => {
    const shown: { title: string; tag?: string; actions?: string[] }[] = [];
    (window as unknown as { __notifications: typeof shown }).__notifications = shown;
    const original = ServiceWorkerRegistration.prototype.showNotification;
    ServiceWorkerRegistration.prototype.showNotification = function (title, options) {
      shown.push({
        title,
        tag: options?.tag,
        actions: (options as { actions?: { title: string }[] })?.actions?.map((a) => a.title),
      });
      return original.call(this, title, options);
    };
    const Original = window.Notification;
    window.Notification = class extends Original {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push({ title, tag: options?.tag });
      }
    } as typeof Notification;
  });
}

const notifications = (page: Page) =>
  page.evaluate(
    () =>
      (
        window as unknown as {
          __notifications: { title: string; tag?: string; actions?: string[] }[];
        }
      ).__notifications,
  );

/** The browser's local wall clock (same machine, same zone) as a datetime-local value. */
const localMinute = (page: Page) =>
  page.evaluate(() => {
    const d = new Date();
    const two = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
  });

test('! syntax becomes a reminder chip and a reminder in the detail; a due one notifies once', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['notifications']);
  await spyOnNotifications(page);
  await openApp(page, '/inbox');

  await quickAdd(page).fill('Dentist tomorrow 3pm !30 min before #Health');
  const chips = page.getByRole('list', { name: 'Detected' });
  await expect(chips.getByRole('listitem').filter({ hasText: 'Reminder' })).toHaveText(
    /Reminder\s*30 min before/,
  );
  await quickAdd(page).press('Enter');
  await expect(quickAdd(page)).toHaveValue('');

  await page.goto('/project/Health');
  await page.getByRole('button', { name: 'Dentist', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Task details' });
  const list = dialog.getByRole('list', { name: 'Reminders' });
  await expect(list.getByRole('listitem')).toHaveText(['30 min before']);
  await page.keyboard.press('Escape');

  // A reminder at the current minute, added from the keyboard, fires in the page at once.
  await captureTask(page, 'Stretch #Health', 'Stretch');
  await page.getByRole('button', { name: 'Stretch', exact: true }).click();
  await dialog.getByRole('radio', { name: 'At a time' }).check();
  const at = dialog.getByLabel('Reminder time');
  await at.focus();
  await at.fill(await localMinute(page));
  await at.press('Enter');
  await expect(dialog.getByRole('list', { name: 'Reminders' }).getByRole('listitem')).toHaveCount(
    1,
  );
  await expect
    .poll(() => notifications(page))
    .toEqual([
      expect.objectContaining({ title: 'Stretch', actions: ['Complete', 'Snooze 10 min'] }),
    ]);

  // Removing and re-reading the tasks, or a reload, never shows that firing again on this device.
  await page.reload();
  await expect(taskCheckbox(page, 'Stretch')).toBeVisible();
  await page.waitForTimeout(1500);
  expect(await notifications(page)).toEqual([]);

  // Remove the reminder by keyboard: the remove button is named by what it removes.
  await page.getByRole('button', { name: 'Stretch', exact: true }).click();
  const remove = dialog.getByRole('button', { name: /^Remove reminder / });
  await remove.focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByText('No reminders.')).toBeVisible();
});

test('the JSON export keeps reminders, and importing it brings them back', async ({
  page,
  browser,
}) => {
  await openApp(page, '/inbox');
  await captureTask(page, 'Pay rent !tomorrow 9am', 'Pay rent');
  await page.goto('/settings');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  const text = readFileSync((await download.path())!, 'utf8');
  const exported = JSON.parse(text) as { tasks: { title: string; reminders: unknown[] }[] };
  const rent = exported.tasks.find((t) => t.title === 'Pay rent')!;
  expect(rent.reminders).toEqual([{ id: expect.any(String), at: expect.any(String) }]);

  const other = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Berlin' });
  const fresh = await other.newPage();
  await openApp(fresh, '/settings');
  await fresh.locator('#import-file').setInputFiles({
    name: 'tend-export.json',
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
  await expect(fresh.getByText(/Imported 1 task/)).toBeVisible();
  await fresh.goto('/inbox');
  await fresh.getByRole('button', { name: 'Pay rent', exact: true }).click();
  await expect(
    fresh.getByRole('dialog').getByRole('list', { name: 'Reminders' }).getByRole('listitem'),
  ).toHaveText([/^Tomorrow 0?9:00$/]);
  await other.close();
});
