// The /admin page in real Chromium: its script runs under the server's strict CSP, it draws the p95 sparkline
// from /api/metrics for a signed-in staff member, and axe finds no violations.
import { serve, type ServerType } from '@hono/node-server';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser } from 'playwright-core';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../scripts/chromium.mjs';
import type { Db } from '../../db/types';
import { createTestApp } from '../test-support/ops-test-app';
import { createPgliteDb } from '../test-support/databases';

const PORT = 8844;

describe.skipIf(!existsSync(CHROMIUM_PATH))('ops dashboard page', () => {
  let db: Db;
  let server: ServerType;
  let browser: Browser;
  let token = '';
  beforeAll(async () => {
    db = await createPgliteDb();
    const t = await createTestApp(db);
    token = await t.token('viewer');
    server = serve({ fetch: t.app.fetch, port: PORT, hostname: '127.0.0.1' });
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((r) => server.close(() => r()));
    await db.close();
  });

  it('asks to sign in when there is no session, with no CSP violations', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    await page.goto(`http://127.0.0.1:${PORT}/admin`);
    await expect.poll(() => page.locator('#status').textContent()).toContain('Sign in to Tend');
    expect(cspErrors).toEqual([]);
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    await context.close();
  });

  it('shows the numbers and a p95 sparkline for a signed-in staff member', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${PORT}/admin`);
    // Where Tend keeps its session (src/sync/auth-storage.ts): IndexedDB "tend", table "meta". The
    // end-to-end test (tests/e2e/admin.spec.ts) gets it there by signing in to Tend itself.
    await page.evaluate(
      (access) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('tend', 1);
          open.onupgradeneeded = () => open.result.createObjectStore('meta', { keyPath: 'key' });
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('meta', 'readwrite');
            tx.objectStore('meta').put({
              key: 'auth:tend-auth',
              value: JSON.stringify({ access_token: access }),
            });
            tx.oncomplete = () => resolve();
          };
        }),
      token,
    );
    await page.reload();
    await expect.poll(() => page.locator('#status').textContent()).toContain('Updated');
    expect(await page.locator('#numbers dt').count()).toBeGreaterThanOrEqual(6);
    expect(await page.locator('#line').getAttribute('points')).toMatch(/^0\.0,[\d.]+$/);
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    await context.close();
  });
});
