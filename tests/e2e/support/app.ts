// Drives Tend through its accessible names (listed in tests/e2e/README.md).
import { expect, type Page } from '@playwright/test';

export const VIEW_NAMES = ['Inbox', 'Today', 'Upcoming', 'Completed'] as const;

export const quickAdd = (page: Page) => page.getByRole('textbox', { name: 'Quick add' });

export const taskCheckbox = (page: Page, title: string) =>
  page.getByRole('checkbox', { name: title, exact: true });

export const viewLink = (page: Page, name: (typeof VIEW_NAMES)[number]) =>
  page.getByRole('navigation').getByRole('link', { name, exact: true });

/** Opens Tend and waits until the shell is interactive. */
export async function openApp(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await expect(quickAdd(page)).toBeVisible();
}

/** Types a task into quick add and saves it with Enter (the box clears once it is stored). */
export async function submitQuickAdd(page: Page, text: string): Promise<void> {
  const box = quickAdd(page);
  await box.fill(text);
  await box.press('Enter');
  await expect(box).toHaveValue('');
}

/** Captures a task that belongs in the current view and waits for its row. */
export async function captureTask(page: Page, text: string, title = text): Promise<void> {
  await submitQuickAdd(page, text);
  await expect(taskCheckbox(page, title)).toBeVisible();
}

/** Opens a task's detail dialog from its row. */
export async function openTask(page: Page, title: string) {
  await page.getByRole('button', { name: title, exact: true }).click();
  return page.getByRole('dialog');
}

/** Waits until the service worker is active and controls this page (clients.claim). */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller) return;
    await new Promise<void>((resolve) =>
      navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), {
        once: true,
      }),
    );
  });
}

/** URLs in the Workbox precache of this origin. */
export async function precachedUrls(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      if (!name.includes('precache')) continue;
      const cache = await caches.open(name);
      for (const request of await cache.keys()) urls.push(new URL(request.url).pathname);
    }
    return urls;
  });
}
