// Lists keep their place and their order: a capture in Upcoming keeps the scroll position, timed tasks
// run in time order, search returns to where the user was, focus follows `c`, toasts collapse.
import { expect, test, type Page } from '@playwright/test';
import { captureTask, openApp, quickAdd, submitQuickAdd, taskCheckbox } from './support/app.ts';

const viewport = (page: Page) => page.locator('.list-viewport');
const scrollTop = (page: Page) => viewport(page).evaluate((el) => el.scrollTop);
const rowTitles = (page: Page) =>
  page.locator('[data-task-id] .check').evaluateAll((boxes) => boxes.map((b) => b.ariaLabel));

/** The local day `n` days from now, as the browser (same machine, same zone) counts it. */
function dayFromNow(n: number): string {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Imports tasks through Settings → Data, as a Todoist CSV a user would bring. */
async function importTasks(page: Page, rows: { title: string; due?: string }[]) {
  const csv = [
    'TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE',
    ...rows.map((r) => `task,${r.title},,4,1,,,${r.due ?? ''},en,`),
  ].join('\n');
  await page.goto('/settings');
  await page.locator('#import-file').setInputFiles({
    name: 'Inbox.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await expect(page.getByText(`Imported ${rows.length} tasks from Todoist`)).toBeVisible();
}

test('a capture in Upcoming keeps the scroll position and renders the new row', async ({
  page,
}) => {
  await openApp(page);
  await importTasks(
    page,
    Array.from({ length: 60 }, (_, i) => ({ title: `Later ${i}`, due: dayFromNow(2 + (i % 20)) })),
  );
  await page.goto('/upcoming');
  await expect(taskCheckbox(page, 'Later 0')).toBeVisible();

  // At the top: the new row (due tomorrow) lands at the top, in view, and nothing jumps.
  await submitQuickAdd(page, 'Call the bank tomorrow');
  await expect(taskCheckbox(page, 'Call the bank')).toBeVisible();
  await page.waitForTimeout(300);
  expect(await scrollTop(page)).toBe(0);
  await expect(taskCheckbox(page, 'Call the bank')).toBeInViewport();

  // Scrolled down: a task for tomorrow does not pull the list away from what the user reads.
  await viewport(page).evaluate((el) => (el.scrollTop = 1500));
  await expect.poll(() => scrollTop(page)).toBe(1500);
  await submitQuickAdd(page, 'Pick up the parcel tomorrow');
  await page.waitForTimeout(500);
  expect(await scrollTop(page)).toBe(1500);
  // …and it says where the task went, with a way to get there.
  await page
    .getByRole('region', { name: 'Notifications' })
    .getByRole('button', { name: 'Show' })
    .click();
  await expect(taskCheckbox(page, 'Pick up the parcel')).toBeInViewport();
});

test('timed tasks are in time order within a day', async ({ page }) => {
  await openApp(page, '/upcoming');
  await captureTask(page, 'Gym tomorrow at 17:00', 'Gym');
  await captureTask(page, 'Standup tomorrow at 9:00', 'Standup');
  await captureTask(page, 'Run tomorrow at 7:00', 'Run');
  await captureTask(page, 'Water the plants tomorrow', 'Water the plants');
  await expect.poll(() => rowTitles(page)).toEqual(['Run', 'Standup', 'Gym', 'Water the plants']);
});

test('Esc in search clears the box and returns to the view the user came from', async ({
  page,
}) => {
  await openApp(page, '/today');
  await captureTask(page, 'Sweep the porch');
  await captureTask(page, 'Oil the hinges');
  const search = page.getByRole('searchbox', { name: 'Search' });
  await quickAdd(page).press('Escape');
  await page.keyboard.press('/');
  await page.keyboard.type('porch');
  await expect(page).toHaveURL(/\/search\?q=porch$/);
  await expect(taskCheckbox(page, 'Sweep the porch')).toBeVisible();
  await expect(taskCheckbox(page, 'Oil the hinges')).toHaveCount(0);

  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/\/today$/);
  await expect(search).toHaveValue('');
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  await expect(taskCheckbox(page, 'Oil the hinges')).toBeVisible();

  // A new search shows only its own results, never the last one's.
  await search.fill('hinges');
  await expect(taskCheckbox(page, 'Oil the hinges')).toBeVisible();
  await expect(taskCheckbox(page, 'Sweep the porch')).toHaveCount(0);
  await page.getByRole('navigation').getByRole('link', { name: 'Inbox', exact: true }).click();
  await expect(search).toHaveValue('');
});

test('c moves focus to the next row (the previous one at the end); Ctrl+Z undoes', async ({
  page,
}) => {
  await openApp(page, '/inbox');
  for (const title of ['First task', 'Second task', 'Third task']) await captureTask(page, title);
  await quickAdd(page).press('Escape');
  // The cursor is on the last capture; the first j lands on it.
  await page.keyboard.press('j');
  await expect(taskCheckbox(page, 'Third task')).toBeFocused();
  await page.keyboard.press('c');
  await expect(taskCheckbox(page, 'Third task')).toHaveCount(0);
  await expect(taskCheckbox(page, 'Second task')).toBeFocused();
  await page.keyboard.press('k');
  await expect(taskCheckbox(page, 'First task')).toBeFocused();
  await page.keyboard.press('c');
  await expect(taskCheckbox(page, 'Second task')).toBeFocused();
  await page.keyboard.press('Control+z');
  await expect(taskCheckbox(page, 'First task')).toBeVisible();
  await page.keyboard.press('Meta+z');
  await expect(taskCheckbox(page, 'Third task')).toBeVisible();
});

test('toasts collapse into one; an Undo toast waits while hovered', async ({ page }) => {
  await openApp(page, '/inbox');
  for (const title of ['Draft the brief', 'Book the room', 'Send the invite'])
    await submitQuickAdd(page, `${title} #Work`);
  const toasts = page.getByRole('region', { name: 'Notifications' }).locator('.toast');
  await expect(toasts).toHaveCount(1);
  await expect(toasts).toContainText('Send the invite');

  await page.goto('/project/Work');
  await taskCheckbox(page, 'Book the room').click();
  await expect(toasts).toContainText('Completed “Book the room”');
  await toasts.hover();
  await page.waitForTimeout(9_000);
  await expect(toasts).toContainText('Completed “Book the room”');
});
