// What makes Tend installable, and the headers the server owes the service worker and manifest.
import { expect, test } from '@playwright/test';
import { openApp } from './support/app.ts';

function pngSize(body: Buffer): { width: number; height: number } {
  expect(body.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: body.readUInt32BE(16), height: body.readUInt32BE(20) };
}

test('the manifest makes Tend installable', async ({ request }) => {
  const manifest = await (await request.get('/manifest.webmanifest')).json();
  expect(manifest).toMatchObject({
    name: 'Tend',
    short_name: 'Tend',
    display: 'standalone',
    scope: '/',
    start_url: '/',
  });
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);

  const icons: { src: string; sizes: string; type: string; purpose?: string }[] = manifest.icons;
  for (const icon of icons) {
    const response = await request.get(icon.src);
    expect(response.headers()['content-type']).toBe('image/png');
    const { width, height } = pngSize(await response.body());
    expect(`${width}x${height}`).toBe(icon.sizes);
  }
  const sizes = (purpose: string) =>
    icons
      .filter((icon) => (icon.purpose ?? 'any').split(' ').includes(purpose))
      .map((i) => i.sizes);
  expect(sizes('any')).toEqual(expect.arrayContaining(['192x192', '512x512']));
  expect(sizes('maskable')).toContain('512x512');
});

test('the service worker script is always revalidated', async ({ request }) => {
  const response = await request.get('/sw.js');
  expect(response.ok()).toBe(true);
  expect(response.headers()['content-type']).toMatch(/javascript/);
  expect(response.headers()['cache-control'] ?? '').toMatch(/no-cache|no-store|max-age=0/);
});

test('the page links the manifest, a theme colour and an icon', async ({ page }) => {
  await openApp(page);
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute(
    'href',
    '/manifest.webmanifest',
  );
  await expect(page.locator('meta[name="theme-color"]').first()).toBeAttached();
  const favicon = await page.request.get('/favicon.ico');
  expect(favicon.ok()).toBe(true);
});
