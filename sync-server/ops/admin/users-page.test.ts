// The Users section of /admin in real Chromium: an admin sees the users and creates a one-time reset link
// that works, under the server's strict CSP, with no axe violations.
import { serve, type ServerType } from '@hono/node-server';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser } from 'playwright-core';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../scripts/chromium.mjs';
import type { Db } from '../../db/types';
import { createTestApp, type TestApp } from '../test-support/ops-test-app';
import { createPgliteDb } from '../test-support/databases';

describe.skipIf(!existsSync(CHROMIUM_PATH))('the Users section of /admin', () => {
  let db: Db;
  let t: TestApp;
  let server: ServerType;
  let origin = '';
  let browser: Browser;
  beforeAll(async () => {
    db = await createPgliteDb();
    t = await createTestApp(db);
    server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await t.app.request('/auth/v1/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'lost@example.test', password: 'forgotten one' }),
    });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((r) => server.close(() => r()));
    await db.close();
  });

  it('lets an admin create a reset link for a user, with no CSP or axe violations', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    await page.goto(`${origin}/admin`);
    await page.evaluate(
      (access) => {
        localStorage.setItem('sb-local-auth-token', JSON.stringify({ access_token: access }));
      },
      await t.token('admin'),
    );
    await page.reload();
    const button = page.getByRole('button', { name: 'Create reset link for lost@example.test' });
    await button.waitFor();
    await button.click();
    const input = page.getByRole('textbox', { name: 'Reset link for lost@example.test' });
    await input.waitFor();
    const link = new URL(await input.inputValue());
    expect(link.pathname).toBe('/auth/v1/verify');
    expect(link.searchParams.get('type')).toBe('recovery');
    const opened = await t.app.request(link.pathname + link.search);
    expect(
      new URLSearchParams(new URL(opened.headers.get('location')!).hash.slice(1)).get('type'),
    ).toBe('recovery');
    expect(cspErrors).toEqual([]);
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    await context.close();
  });

  it('tells a viewer that managing users needs another role', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${origin}/admin`);
    await page.evaluate(
      (access) => {
        localStorage.setItem('sb-local-auth-token', JSON.stringify({ access_token: access }));
      },
      await t.token('viewer'),
    );
    await page.reload();
    await expect
      .poll(() => page.locator('#users-status').textContent())
      .toBe('Listing users needs the admin or support role.');
    await context.close();
  });
});
