// The service worker's Background Sync replay in Chromium: a change captured offline is still in the
// outbox when its tab closes; back online, a `sync` event dispatched to the service worker through the
// DevTools protocol (ServiceWorker.dispatchSyncEvent) sends it, and another device of the user sees it.
import { expect, test } from '@playwright/test';
import type { CDPSession } from '@playwright/test';
import { OUTBOX_SYNC_TAG } from '../../src/core/sw-protocol.ts';
import { inbox, openDevice, signIn, syncNow, uniqueEmail } from './support/account.ts';
import { captureTask, taskCheckbox, waitForServiceWorkerControl } from './support/app.ts';

/** The registration id of the origin's service worker, as the DevTools protocol reports it. */
async function registrationId(cdp: CDPSession, origin: string): Promise<string> {
  const found = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const match = registrations.find((r) => r.scopeURL.startsWith(origin) && !r.isDeleted);
      if (match) resolve(match.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  return found;
}

test('Background Sync: the service worker replays the outbox after the tab closed', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const email = uniqueEmail('bgsync');
  const a = await openDevice(browser);
  await signIn(a.page, email, 'Create account');
  await inbox(a.page);
  await waitForServiceWorkerControl(a.page);

  await a.context.setOffline(true);
  await captureTask(a.page, 'Sent by the service worker');
  // Still in the outbox: the page could not send it.
  await expect(a.page.getByRole('status')).toContainText('1 pending');
  await a.page.close();
  await a.context.setOffline(false);

  const helper = await a.context.newPage();
  const cdp = await a.context.newCDPSession(helper);
  const origin = new URL(baseURL!).origin;
  await cdp.send('ServiceWorker.dispatchSyncEvent', {
    origin,
    registrationId: await registrationId(cdp, origin),
    tag: OUTBOX_SYNC_TAG,
    lastChance: false,
  });

  const b = await openDevice(browser);
  await signIn(b.page, email, 'Sign in');
  await expect(async () => {
    await syncNow(b.page);
    await inbox(b.page);
    await expect(taskCheckbox(b.page, 'Sent by the service worker')).toBeVisible({
      timeout: 1_000,
    });
  }).toPass({ timeout: 30_000 });
  await Promise.all([a.context.close(), b.context.close()]);
});
