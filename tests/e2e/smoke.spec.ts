// Smoke tests a deployment must pass before it takes traffic: the app opens with its security headers,
// the API is alive, and a capture is stored. With BASE_URL set they run against that deployment.
import { expect, test } from '@playwright/test';
import { captureTask, openApp } from './support/app.ts';

test('the app opens with a strict CSP and the API answers', async ({ page, request }, testInfo) => {
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/'unsafe-(eval|inline)'/);
  // Which origin answered: the base-URL test reads this from the JSON report.
  testInfo.annotations.push({ type: 'origin', description: new URL(page.url()).origin });

  const health = await request.get('/health');
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: expect.any(String) });
  const manifest = await request.get('/manifest.webmanifest');
  expect(manifest.status()).toBe(200);
});

test('a capture is stored', async ({ page }) => {
  await openApp(page, '/');
  await captureTask(page, `Smoke check ${Date.now()}`);
});
