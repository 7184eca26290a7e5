// Settings → Account end to end in Chromium against the real server: sign up, change the password, sign
// out and in again with it, download the data, delete the account keeping or wiping this device's copy;
// and password recovery by real mail, on a server of this spec's own that sends through a local SMTP
// capture server.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { linkIn, startSmtpCapture, type SmtpCapture } from '../../sync-server/test/smtp-capture.ts';
import { captureTask, openApp, taskCheckbox } from './support/app.ts';
import { E2E_PORT } from './support/chromium.ts';
import { startAppServer } from './support/instances.ts';

const uniqueEmail = (who: string) =>
  `${who}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;

const account = (page: Page) => page.getByRole('region', { name: 'Account and sync' });
const status = (page: Page, text: string | RegExp) =>
  account(page).getByRole('status').filter({ hasText: text });

async function submitSignInForm(
  page: Page,
  email: string,
  password: string,
  button: 'Sign in' | 'Create account',
  origin = '',
) {
  await page.goto(`${origin}/settings`);
  await account(page).getByRole('textbox', { name: 'Email' }).fill(email);
  await account(page).getByRole('textbox', { name: 'Password' }).fill(password);
  await account(page).getByRole('button', { name: button }).click();
}

async function signInAs(
  page: Page,
  email: string,
  password: string,
  button: 'Sign in' | 'Create account',
  origin = '',
) {
  await submitSignInForm(page, email, password, button, origin);
  await expect(account(page).getByText(`Signed in as ${email}`)).toBeVisible();
}

async function signOut(page: Page) {
  await account(page).getByRole('button', { name: 'Sign out' }).click();
  // Signing out asks what happens to this account's tasks on the device.
  await account(page).getByRole('button', { name: 'Keep a copy on this device' }).click();
  await expect(account(page).getByRole('button', { name: 'Sign in' })).toBeVisible();
}

async function changePassword(page: Page, password: string) {
  await account(page).getByRole('textbox', { name: 'New password' }).fill(password);
  await account(page).getByRole('button', { name: 'Change password' }).click();
  // A password hash at the OWASP cost takes a while on a busy machine.
  await expect(status(page, 'Password changed')).toBeVisible({ timeout: 20_000 });
}

async function deleteAccount(page: Page, password: string, localCopy: 'Keep' | 'Delete') {
  await account(page).getByRole('button', { name: 'Delete account…' }).click();
  await account(page).getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await account(page)
    .getByRole('radio', {
      name: localCopy === 'Keep' ? 'Keep them on this device' : 'Delete them from this device too',
    })
    .check();
  await account(page).getByRole('button', { name: 'Delete account permanently' }).click();
}

test('sign up, change password, sign in again with it, download the data, delete keeping the local copy', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const email = uniqueEmail('acc');
  await openApp(page, '/inbox');
  await captureTask(page, 'Repot the fern');
  await signInAs(page, email, 'first password', 'Create account');

  await changePassword(page, 'second password');
  await signOut(page);
  await submitSignInForm(page, email, 'first password', 'Sign in');
  await expect(account(page).getByRole('alert')).toHaveText(
    'That email and password do not match.',
  );
  await signInAs(page, email, 'second password', 'Sign in');

  // Sync the local task up, then download what the server holds.
  await account(page).getByRole('button', { name: 'Sync now' }).click();
  await expect(account(page).getByText('Changes waiting to sync').locator('+ dd')).toHaveText('0', {
    timeout: 15_000,
  });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    account(page).getByRole('button', { name: 'Download my data' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^tend-export-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
    format: string;
    tasks: { title?: string }[];
  };
  expect(exported.format).toBe('tend-export');
  expect(exported.tasks.map((t) => t.title)).toContain('Repot the fern');

  await deleteAccount(page, 'not my password', 'Keep');
  await expect(account(page).getByRole('alert').filter({ hasText: /./ })).toHaveText(
    'That password is not correct.',
  );
  await account(page)
    .getByRole('textbox', { name: 'Password', exact: true })
    .fill('second password');
  await account(page).getByRole('button', { name: 'Delete account permanently' }).click();
  await expect(
    status(page, 'Your account is deleted. Your tasks stay on this device.'),
  ).toBeVisible();
  await page.goto('/inbox');
  await expect(taskCheckbox(page, 'Repot the fern')).toBeVisible();

  await submitSignInForm(page, email, 'second password', 'Sign in');
  await expect(account(page).getByRole('alert')).toHaveText(
    'That email and password do not match.',
  );
});

test('delete the account and wipe the copy on this device', async ({ page }) => {
  const email = uniqueEmail('wipe');
  await openApp(page, '/inbox');
  await captureTask(page, 'Sweep the porch');
  await signInAs(page, email, 'wipe me please', 'Create account');
  await deleteAccount(page, 'wipe me please', 'Delete');
  await expect(
    status(page, 'Your account is deleted, and its tasks are gone from this device.'),
  ).toBeVisible();
  await page.goto('/inbox');
  await expect(page.getByRole('textbox', { name: 'Quick add' })).toBeVisible();
  await expect(taskCheckbox(page, 'Sweep the porch')).toHaveCount(0);
});

test.describe('password recovery by mail', () => {
  // This spec's own server, on the port after the shared e2e server's, mailing through the capture server.
  const port = E2E_PORT + 1;
  const origin = `http://127.0.0.1:${port}`;
  let smtp: SmtpCapture;
  let server: ChildProcess;

  test.beforeAll(async () => {
    // Starting a second server (bundling it first) can take a while on a busy machine.
    test.setTimeout(120_000);
    smtp = await startSmtpCapture();
    server = await startAppServer(port, {
      SITE_URL: origin,
      SMTP_URL: smtp.url,
      SMTP_FROM: 'Tend <accounts@example.com>',
    });
  });
  test.afterAll(async () => {
    server?.kill('SIGTERM');
    await smtp?.close();
  });

  test('forgot password mails a one-time link that lets the user choose a new password', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const email = uniqueEmail('lost');
    await signInAs(page, email, 'forgotten one', 'Create account', origin);
    const confirmation = await smtp.nextMailTo(email);
    expect(confirmation.subject).toBe('Confirm your email address for Tend');
    await signOut(page);

    await account(page).getByRole('textbox', { name: 'Email' }).fill(email);
    await account(page).getByRole('button', { name: 'Forgot password?' }).click();
    await expect(
      status(page, `If ${email} has an account, a reset link is on its way.`),
    ).toBeVisible();
    const mail = await smtp.nextMailTo(email);
    expect(mail.to).toEqual([email]);
    expect(mail.subject).toBe('Reset your Tend password');
    const link = linkIn(mail);
    expect(link.startsWith(`${origin}/auth/v1/verify?`)).toBe(true);

    await page.goto(link);
    await expect(page).toHaveURL(`${origin}/settings`);
    await expect(status(page, 'You opened a password reset link.')).toBeVisible();
    await expect(account(page).getByText(`Signed in as ${email}`)).toBeVisible();
    await expect(account(page).getByRole('textbox', { name: 'New password' })).toBeFocused();
    await changePassword(page, 'remembered now');
    await signOut(page);
    await signInAs(page, email, 'remembered now', 'Sign in', origin);

    // The link worked once; the confirmation link proves the address.
    await page.goto(link);
    await expect(account(page).getByRole('alert').filter({ hasText: /./ }).first()).toHaveText(
      'That link has expired or was already used. Ask for a new one.',
    );
    await page.goto(linkIn(confirmation));
    await expect(status(page, 'Your email address is confirmed.')).toBeVisible();
    await expect(
      account(page).getByRole('button', { name: 'Send confirmation email' }),
    ).toHaveCount(0);
  });
});
