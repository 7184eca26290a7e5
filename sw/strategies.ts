// The service worker's named strategies, one per kind of request.
import { createHandlerBoundToURL } from 'workbox-precaching';
import { NavigationRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst } from 'workbox-strategies';
import type { RouteHandlerCallback } from 'workbox-core';
import { AI_CACHE_NAME, isAiAssetPath, isServerPath } from '../src/core/sw-protocol.ts';

/**
 * Every in-app navigation (/, /today, /share?text=... from the share target) answers with the
 * precached index.html, so the app opens offline; the server's own paths stay on the network,
 * the operations console (/admin) included.
 */
export function createShellNavigationRoute(): NavigationRoute {
  return new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    denylist: [/^\/api\//, /^\/auth\//, /^\/health(?:$|[/?])/, /^\/admin(?:$|[/?])/],
  });
}

export function isAiAsset(url: URL, origin: string): boolean {
  return url.origin === origin && isAiAssetPath(url.pathname) && !isServerPath(url.pathname);
}

/**
 * The AI chunks are cached (cache first, they are content-hashed) only once the user opted in:
 * the page creates the 'tend-ai' cache on opt-in and deletes it with the model, so its
 * existence is the switch and the worker needs no state of its own.
 */
export function createAiAssetHandler(): RouteHandlerCallback {
  const cacheFirst = new CacheFirst({ cacheName: AI_CACHE_NAME });
  return async (options) => {
    if (await caches.has(AI_CACHE_NAME)) return cacheFirst.handle(options);
    return fetch(options.request);
  };
}

/** The server's API description, which the API reference page renders. */
const API_DOCUMENT_PATH = '/api/openapi.json';

export function isApiDocument(url: URL, origin: string): boolean {
  return url.origin === origin && url.pathname === API_DOCUMENT_PATH;
}

/**
 * The network's copy when there is one (it follows the server's version), else the last one seen, so the
 * API reference opens offline like the rest of the documentation.
 */
export function createApiDocumentHandler(): NetworkFirst {
  return new NetworkFirst({ cacheName: 'tend-docs', networkTimeoutSeconds: 5 });
}
