import { describe, expect, it } from 'vitest';
import { isAiAssetPath, isServerPath, isSkipWaitingMessage, SKIP_WAITING } from './sw-protocol.ts';

describe('service worker protocol', () => {
  it('recognises the skip-waiting message workbox-window sends', () => {
    expect(isSkipWaitingMessage(SKIP_WAITING)).toBe(true);
    expect(isSkipWaitingMessage({ type: 'SKIP_WAITING', extra: 1 })).toBe(true);
    expect(isSkipWaitingMessage({ type: 'OTHER' })).toBe(false);
    expect(isSkipWaitingMessage('SKIP_WAITING')).toBe(false);
    expect(isSkipWaitingMessage(null)).toBe(false);
  });

  it('keeps server paths away from the app shell', () => {
    expect(isServerPath('/api/sync/pull')).toBe(true);
    expect(isServerPath('/auth/v1/token')).toBe(true);
    expect(isServerPath('/health')).toBe(true);
    expect(isServerPath('/admin')).toBe(true);
    expect(isServerPath('/today')).toBe(false);
    expect(isServerPath('/share')).toBe(false);
    expect(isServerPath('/apiary')).toBe(false);
  });

  it('knows the lazy AI asset folder', () => {
    expect(isAiAssetPath('/assets/ai/web-llm-abc.js')).toBe(true);
    expect(isAiAssetPath('/assets/index-abc.js')).toBe(false);
  });
});
