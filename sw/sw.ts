// Tend's service worker: the precached app shell, an offline navigation fallback, the opt-in
// AI cache, the update handshake, Background Sync of the outbox and reminder notifications. Strategies live in
// ./strategies.ts; this file only wires listeners.
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import {
  createAiAssetHandler,
  createApiDocumentHandler,
  createShellNavigationRoute,
  isAiAsset,
  isApiDocument,
} from './strategies.ts';
import {
  isSkipWaitingMessage,
  openTaskUrl,
  OUTBOX_SYNC_TAG,
  parseReminderNotice,
  REMINDER_ACTIONS,
  reminderNotification,
} from '../src/core/sw-protocol.ts';
import type { OpenTaskMessage, ReminderNotice } from '../src/core/sw-protocol.ts';
import { openTendDb } from '../src/db/database.ts';
import {
  completeFromNotification,
  snoozeFromNotification,
} from '../src/db/notification-actions.ts';
import { claimFiring } from '../src/db/reminder-deliveries.ts';
import { replayOutboxFromWorker } from '../src/sync/worker-replay.ts';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null }>;
};

/** Background Sync's event (Chromium only); not in TypeScript's WebWorker lib. */
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
  readonly lastChance: boolean;
}

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(createShellNavigationRoute());
registerRoute(
  ({ url, request }) => request.method === 'GET' && isAiAsset(url, self.location.origin),
  createAiAssetHandler(),
);
registerRoute(
  ({ url, request }) => request.method === 'GET' && isApiDocument(url, self.location.origin),
  createApiDocumentHandler(),
);

// A new version waits until the user presses "Reload" (never swap code under someone typing).
self.addEventListener('message', (event) => {
  if (isSkipWaitingMessage(event.data)) void self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

async function replayOutboxInWorker(): Promise<void> {
  // Throwing makes the browser retry the sync later.
  await replayOutboxFromWorker({ origin: self.location.origin });
}

self.addEventListener('sync', (event) => {
  const sync = event as SyncEvent;
  if (sync.tag === OUTBOX_SYNC_TAG) sync.waitUntil(replayOutboxInWorker());
});

// Reminders. A push shows its notification (the same one the page would show, tagged by the firing);
// its buttons complete or snooze the task through the page's store, so the change syncs like any other.
async function showReminderPush(data: unknown): Promise<void> {
  const notice = parseReminderNotice(data);
  if (!notice) return;
  const db = openTendDb();
  try {
    // Already shown here by the page: shown again under its tag (replacing it silently), since a push
    // must show a notification, but never as a second alert.
    await claimFiring(
      db,
      { key: notice.key, taskId: notice.taskId, at: Date.parse(notice.at) },
      'push',
      Date.now(),
    ).catch(() => false);
  } finally {
    db.close();
  }
  const { title, options } = reminderNotification(notice);
  await self.registration.showNotification(title, options);
}

self.addEventListener('push', (event) => {
  let data: unknown;
  try {
    data = event.data?.json();
  } catch {
    data = null;
  }
  event.waitUntil(showReminderPush(data));
});

async function runReminderAction(action: string, notice: ReminderNotice): Promise<void> {
  const db = openTendDb();
  try {
    if (action === REMINDER_ACTIONS.complete) await completeFromNotification(db, notice.taskId);
    else await snoozeFromNotification(db, notice.taskId);
  } finally {
    db.close();
  }
  // Offline, Background Sync sends it when the network is back; otherwise at once.
  const sync = (self.registration as { sync?: { register(tag: string): Promise<void> } }).sync;
  if (sync) await sync.register(OUTBOX_SYNC_TAG).catch(() => replayOutboxInWorker());
  else await replayOutboxInWorker().catch(() => {});
}

async function openTask(taskId: string): Promise<void> {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
  if (open) {
    await open.focus();
    open.postMessage({ type: 'tend:open-task', taskId } satisfies OpenTaskMessage);
    return;
  }
  await self.clients.openWindow(openTaskUrl(taskId));
}

self.addEventListener('notificationclick', (event) => {
  const notice = parseReminderNotice(event.notification.data);
  if (!notice) return;
  event.notification.close();
  event.waitUntil(
    event.action === REMINDER_ACTIONS.complete || event.action === REMINDER_ACTIONS.snooze
      ? runReminderAction(event.action, notice)
      : openTask(notice.taskId),
  );
});
