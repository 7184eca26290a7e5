// A long-time user's database, made the way a user makes it: an export of years of history (80%
// completed) imported through Settings. Then start, view switches, search, completing and reload must
// work on it. About 2 minutes here at 100,000; TEND_SCALE_TASKS sets another size.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openApp, taskCheckbox, viewLink } from './support/app';

const TASKS = Number(process.env.TEND_SCALE_TASKS ?? 100_000);
const HLC = '2026-01-01T00:00:00.000Z-0000-AAAAAAAAAAAAAAAA';

function localDay(d = new Date()): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Every fifth task is open: one in four of those in the Inbox, one in three due today. */
const isOpen = (i: number) => i % 5 === 0;
const inInbox = (i: number) => i % 20 === 0;
const dueToday = (i: number) => isOpen(i) && i % 15 === 0;

/** The export file Tend writes (compact, one record per line), built in pieces. */
function exportFile(count: number): string {
  const today = localDay();
  const now = Date.now();
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const fields = {
      title: `Task ${i} k${i}z`,
      notes: i % 7 === 0 ? `Notes about item ${i}` : '',
      due: dueToday(i) ? today : null,
      priority: (i % 4) + 1,
      project: inInbox(i) ? null : 'Work',
      labels: i % 3 === 0 ? ['errand'] : [],
      recurrence: null,
      completedAt: isOpen(i) ? null : new Date(now - i * 60_000).toISOString(),
      deletedAt: null,
      order: i,
      parentId: null,
    };
    const clock = Object.fromEntries(Object.keys(fields).map((f) => [f, HLC]));
    const stamp = new Date(now - count * 60_000).toISOString();
    lines.push(
      JSON.stringify({ id: randomUUID(), ...fields, createdAt: stamp, updatedAt: stamp, clock }),
    );
  }
  const head = `{"format":"tend-export","version":1,"exportedAt":"${new Date(now).toISOString()}","tasks":[\n`;
  return `${head}${lines.join(',\n')}\n]}\n`;
}

function count(predicate: (i: number) => boolean): number {
  let n = 0;
  for (let i = 0; i < TASKS; i++) if (predicate(i)) n += 1;
  return n;
}

const heading = (page: Page) => page.locator('#view-title');
const viewCount = (page: Page) => page.locator('.view-count');
const firstRow = (page: Page) => page.locator('main [data-task-id]').first();

test.describe.configure({ mode: 'serial' });

test(`${TASKS} tasks imported from an export: start, views, search, complete, reload`, async ({
  page,
}) => {
  test.setTimeout(420_000);
  const dir = mkdtempSync(join(tmpdir(), 'tend-scale-'));
  const path = join(dir, 'tend-export.json');
  writeFileSync(path, exportFile(TASKS));
  try {
    await openApp(page, '/settings');
    await page.locator('#import-file').setInputFiles(path);
    const progress = page.getByRole('progressbar', { name: 'Import progress' });
    // Determinate progress: the bar carries a value while the import runs.
    await expect(progress).toHaveAttribute('value', /^[1-9]\d*$/, { timeout: 60_000 });
    await expect(page.getByText(`Imported ${TASKS} tasks:`)).toBeVisible({
      timeout: 300_000,
    });

    // Start: the Inbox's first page and its whole count.
    await openApp(page, '/inbox');
    await expect(firstRow(page)).toBeVisible();
    await expect(viewCount(page)).toHaveText(`${count(inInbox)} tasks`);
    await expect(page.getByRole('checkbox', { name: 'Task 0 k0z', exact: true })).toBeVisible();

    // View switches.
    await viewLink(page, 'Today').click();
    await expect(heading(page)).toHaveText('Today');
    await expect(viewCount(page)).toHaveText(`${count(dueToday)} tasks`);
    await viewLink(page, 'Completed').click();
    await expect(heading(page)).toHaveText('Completed');
    await expect(viewCount(page)).toHaveText(`${count((i) => !isOpen(i))} completed tasks`);
    // The newest completed task first (task 1 was completed a minute before the export).
    await expect(firstRow(page)).toContainText('Task 1 k1z');

    // Search: one task by a word only it has, and a word every task has.
    const needle = TASKS - 3;
    const search = page.getByRole('searchbox', { name: 'Search' });
    await search.fill(`k${needle}z`);
    // The first search answers from the stored word index, by word prefix, without waiting for the
    // in-memory index (it reads every task once after the first paint).
    await expect(viewCount(page)).toHaveText('1 result');
    await expect(firstRow(page)).toContainText(`Task ${needle} k${needle}z`);
    // A word every task has is too common for the stored index: it waits for the in-memory one.
    await search.fill('task');
    await expect(viewCount(page)).toHaveText(`${TASKS} results`, { timeout: 60_000 });
    // Inside words ("ask" in "Task") once the in-memory index is built: the search asks again then.
    await search.fill('ask');
    await expect(viewCount(page)).toHaveText(`${TASKS} results`, { timeout: 60_000 });
    await search.press('Escape');

    // Complete a task in the Inbox; it leaves the Inbox and leads Completed.
    await viewLink(page, 'Inbox').click();
    await expect(heading(page)).toHaveText('Inbox');
    await taskCheckbox(page, 'Task 0 k0z').click();
    await expect(taskCheckbox(page, 'Task 0 k0z')).toHaveCount(0);
    await expect(viewCount(page)).toHaveText(`${count(inInbox) - 1} tasks`);

    // Reload: the change is stored, and the views start again from their first page.
    await page.reload();
    await expect(firstRow(page)).toBeVisible();
    await expect(taskCheckbox(page, 'Task 0 k0z')).toHaveCount(0);
    await viewLink(page, 'Completed').click();
    await expect(firstRow(page)).toContainText('Task 0 k0z');

    // The list pages as it scrolls: the 150th completed task appears only after scrolling.
    const late = page.locator('main [data-task-id]', { hasText: 'Task 187 k187z' });
    await expect(late).toHaveCount(0);
    for (let i = 0; i < 20 && (await late.count()) === 0; i++) {
      await page.locator('main [data-task-id]').last().scrollIntoViewIfNeeded();
      await page.mouse.wheel(0, 4000);
      await page.waitForTimeout(100);
    }
    await expect(late).toHaveCount(1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
