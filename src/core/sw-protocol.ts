// The vocabulary the page and the service worker share (kept free of DOM and worker types).

/** Background Sync tag under which the page asks the worker to replay the outbox. */
export const OUTBOX_SYNC_TAG = 'tend-outbox';

/** Cache holding the lazy on-device AI chunks; it exists only while the user has opted in. */
export const AI_CACHE_NAME = 'tend-ai';

/** The message workbox-window's `messageSkipWaiting()` posts. */
export const SKIP_WAITING = { type: 'SKIP_WAITING' } as const;

export function isSkipWaitingMessage(data: unknown): boolean {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { type?: unknown }).type === 'SKIP_WAITING'
  );
}

/** URL prefixes the server answers itself: navigations there never get the app shell. */
export const SERVER_PATH_PREFIXES = ['/api/', '/auth/', '/health', '/admin'] as const;

export function isServerPath(pathname: string): boolean {
  return SERVER_PATH_PREFIXES.some((prefix) => pathname.startsWith(prefix));
}

/** Lazy on-device AI chunks, emitted by vite.config.ts into this folder and never precached. */
export const AI_ASSETS_PATH = '/assets/ai/';

export function isAiAssetPath(pathname: string): boolean {
  return pathname.startsWith(AI_ASSETS_PATH);
}
