import { describe, expect, it } from 'vitest';
import { disableAiCaching, enableAiCaching, isAiCachingEnabled } from './ai-cache.ts';
import { AI_CACHE_NAME } from '../core/sw-protocol.ts';

/** In-memory CacheStorage (Node has none): only which caches exist matters here. */
function createCacheStore() {
  const names = new Set<string>();
  return {
    names,
    open: async (name: string) => {
      names.add(name);
      return {} as Cache;
    },
    delete: async (name: string) => names.delete(name),
    has: async (name: string) => names.has(name),
  };
}

describe('AI chunk caching switch', () => {
  it('creates the tend-ai cache on opt-in and deletes it with the model', async () => {
    const store = createCacheStore();
    expect(await isAiCachingEnabled(store)).toBe(false);
    await enableAiCaching(store);
    expect(store.names.has(AI_CACHE_NAME)).toBe(true);
    expect(await isAiCachingEnabled(store)).toBe(true);
    expect(await disableAiCaching(store)).toBe(true);
    expect(await isAiCachingEnabled(store)).toBe(false);
    expect(await disableAiCaching(store)).toBe(false);
  });

  it('is a no-op where the Cache API is missing', async () => {
    await expect(enableAiCaching(undefined)).resolves.toBeUndefined();
    expect(await disableAiCaching(undefined)).toBe(false);
    expect(await isAiCachingEnabled(undefined)).toBe(false);
    expect(await isAiCachingEnabled()).toBe(false);
  });
});
