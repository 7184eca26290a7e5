// A staff member signed in to Tend opens /admin in the same browser, with the service worker in
// control, and sees the operations dashboard with its chart. The server here is its own (PostgreSQL, a
// fresh database) so the test can grant the staff role the way an operator does: in SQL, never through
// sign-up.
import type { ChildProcess } from 'node:child_process';
import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { waitForServiceWorkerControl } from './support/app.ts';
import { E2E_PORT } from './support/chromium.ts';
import { startAppServer } from './support/instances.ts';
import { PASSWORD, accountPanel, uniqueEmail } from './support/account.ts';

const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PORT = E2E_PORT + 2;
const origin = `http://127.0.0.1:${PORT}`;
const database = `tend_admin_e2e_${Date.now().toString(36)}`;
let server: ChildProcess | undefined;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${database}`);
  await admin.end();
  server = await startAppServer(PORT, {
    DATABASE_URL: PG_ADMIN_URL.replace(/\/[^/]*$/, `/${database}`),
  });
});

test.afterAll(async () => {
  server?.kill();
  const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${database} with (force)`);
  await admin.end();
});

test('a staff member signed in to Tend opens /admin and sees the dashboard', async ({ page }) => {
  test.setTimeout(90_000);
  // An account like any other, then the operator grants the role in the database.
  const email = uniqueEmail('staff');
  const signup = await fetch(`${origin}/auth/v1/signup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', apikey: 'anon' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(signup.ok).toBe(true);
  const sql = postgres(PG_ADMIN_URL.replace(/\/[^/]*$/, `/${database}`), { max: 1 });
  await sql`update auth.users set raw_app_meta_data = raw_app_meta_data || '{"role":"viewer"}'::jsonb
            where lower(email) = ${email}`;
  await sql.end();

  // Signs in to Tend normally; the service worker installs and takes control.
  await page.goto(`${origin}/settings`);
  await accountPanel(page).getByLabel('Email').fill(email);
  await accountPanel(page).getByLabel('Password').fill(PASSWORD);
  await accountPanel(page).getByRole('button', { name: 'Sign in' }).click();
  await expect(accountPanel(page).getByText(`Signed in as ${email}`)).toBeVisible();
  await waitForServiceWorkerControl(page);

  await page.goto(`${origin}/admin`);
  await expect(page.getByRole('heading', { level: 1, name: 'Tend operations' })).toBeVisible();
  await expect(page.locator('#status')).toContainText('Updated', { timeout: 15_000 });
  await expect(page.locator('#line')).toHaveAttribute('points', /^0\.0,[\d.]+$/);
  expect(await page.locator('#numbers dt').count()).toBeGreaterThanOrEqual(6);
});
