// Tend's service worker: the precached app shell, an offline navigation fallback, the opt-in
// AI cache, the update handshake and Background Sync of the outbox. Strategies live in
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
import { isSkipWaitingMessage, OUTBOX_SYNC_TAG } from '../src/core/sw-protocol.ts';
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
