// Layout at the sizes people use: the bulk bar, a dragged row, the quick-add box with and without the
// install button, measured from boxes and computed styles (not screenshots).
import { expect, test, type Page } from '@playwright/test';
import { captureTask, openApp, quickAdd } from './support/app.ts';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

const rowOf = (page: Page, title: string) => page.locator('.task-row', { hasText: title });

async function box(page: Page, selector: string) {
  const found = await page.locator(selector).first().boundingBox();
  expect(found, selector).not.toBeNull();
  return found!;
}

test('at 1280 px the bulk bar is one row', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await openApp(page, '/inbox');
  await captureTask(page, 'Sort the receipts');
  await captureTask(page, 'Book the dentist');
  await page.getByRole('button', { name: 'Sort the receipts' }).click({ modifiers: ['Control'] });
  await page.getByRole('button', { name: 'Book the dentist' }).click({ modifiers: ['Control'] });
  const bar = page.getByRole('region', { name: 'Selected tasks' });
  await expect(bar.getByText('2 selected')).toBeVisible();
  const tops = await bar.evaluate((el) =>
    [...el.children]
      .filter((child) => getComputedStyle(child).position !== 'absolute' && child.clientWidth > 1)
      .map((child) => child.getBoundingClientRect())
      .map((rect) => rect.top + rect.height / 2),
  );
  expect(tops.length).toBeGreaterThan(4);
  // Every control on one line: their middles agree.
  expect(Math.max(...tops) - Math.min(...tops)).toBeLessThan(4);
  const button = await bar.getByRole('button', { name: 'Complete' }).boundingBox();
  expect((await bar.boundingBox())!.height).toBeLessThan(button!.height * 2);
});

test('a dragged row is lifted (shadow) and the rows it passes make room for it', async ({
  page,
}) => {
  await page.setViewportSize(DESKTOP);
  await openApp(page, '/inbox');
  for (const title of ['First', 'Second', 'Third']) await captureTask(page, `${title} errand`);
  const titles = page.locator('.task-row .row-title');
  await expect(titles).toHaveText(['First errand', 'Second errand', 'Third errand']);
  const dragged = rowOf(page, 'First errand');
  const passed = rowOf(page, 'Second errand');
  await dragged.hover();
  const handle = (await dragged.locator('.drag-handle').boundingBox())!;
  const before = (await passed.boundingBox())!;
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  // Down by 1.2 rows: the dragged row's middle is past the second row's top, not the third's.
  const startY = handle.y + handle.height / 2;
  await page.mouse.move(handle.x + handle.width / 2, startY + before.height * 1.2, { steps: 6 });
  await expect(dragged).not.toHaveCSS('box-shadow', 'none');
  await expect
    .poll(async () => before.y - (await passed.boundingBox())!.y)
    .toBeCloseTo(before.height, 0);
  // The third row is not passed: it stays.
  const third = (await rowOf(page, 'Third errand').boundingBox())!;
  expect(third.y).toBeCloseTo(before.y + before.height, 0);
  await page.mouse.up();
  await expect(dragged).toHaveCSS('box-shadow', 'none');
  await expect(titles).toHaveText(['Second errand', 'First errand', 'Third errand']);
});

test('on a phone the quick-add highlight stays clear of the "+" icon when the text scrolls', async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  await openApp(page, '/inbox');
  const input = quickAdd(page);
  await input.fill('#Home pay the water bill and the electricity bill before friday p1 @errands');
  await input.press('End');
  const marks = page.locator('.quick-add-mirror mark');
  await expect(marks.first()).toBeAttached();
  const icon = await box(page, '.quick-add-icon');
  // The text has scrolled: the highlighted words near its start now lie left of the icon's edge...
  expect((await marks.first().boundingBox())!.x).toBeLessThan(icon.x + icon.width);
  // ...and the box that clips them (the nearest ancestor hiding overflow) starts right of the icon.
  const clipLeft = await marks.first().evaluate((mark) => {
    let el = mark.parentElement;
    while (el && getComputedStyle(el).overflowX === 'visible') el = el.parentElement;
    return el!.getBoundingClientRect().left;
  });
  expect(clipLeft).toBeGreaterThanOrEqual(icon.x + icon.width);
});

/** Whether the quick-add placeholder, as the input shows it, fits its text box. */
const placeholderFits = (page: Page) =>
  quickAdd(page).evaluate((input: HTMLInputElement) => {
    const style = getComputedStyle(input);
    const context = document.createElement('canvas').getContext('2d')!;
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return (
      input.placeholder.startsWith('Add a task') &&
      context.measureText(input.placeholder).width <= room
    );
  });

// 1200 px: the full example fits until the install button takes its room.
for (const [name, size] of [
  ['1280 px', DESKTOP],
  ['1200 px', { width: 1200, height: 800 }],
  ['a phone', PHONE],
] as const) {
  test(`at ${name} the quick-add placeholder fits, also once "Install Tend" shows`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await openApp(page, '/inbox');
    expect(await placeholderFits(page)).toBe(true);
    // Chromium's install offer, as the browser sends it when Tend is installable.
    await page.evaluate(() => {
      const offer = new Event('beforeinstallprompt', { cancelable: true });
      Object.assign(offer, {
        prompt: async () => undefined,
        userChoice: Promise.resolve({ outcome: 'dismissed' }),
      });
      window.dispatchEvent(offer);
    });
    await expect(page.getByRole('button', { name: 'Install Tend' })).toBeVisible();
    await expect.poll(() => placeholderFits(page)).toBe(true);
  });
}
