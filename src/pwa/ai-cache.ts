// The switch for caching the on-device AI chunks offline: the service worker caches them only
// while the 'tend-ai' cache exists (see sw/strategies.ts). The AI settings' opt-in and "delete model" call these.
import { AI_CACHE_NAME } from '../core/sw-protocol.ts';

type CacheStore = Pick<CacheStorage, 'open' | 'delete' | 'has'>;

const defaultStore = (): CacheStore | undefined =>
  typeof caches === 'undefined' ? undefined : caches;

export async function enableAiCaching(store = defaultStore()): Promise<void> {
  await store?.open(AI_CACHE_NAME);
}

/** Drops the cached AI chunks and stops caching them; true when there was something to drop. */
export async function disableAiCaching(store = defaultStore()): Promise<boolean> {
  return (await store?.delete(AI_CACHE_NAME)) ?? false;
}

export async function isAiCachingEnabled(store = defaultStore()): Promise<boolean> {
  return (await store?.has(AI_CACHE_NAME)) ?? false;
}
