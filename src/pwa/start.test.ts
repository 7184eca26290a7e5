// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { getInstallPrompt } from './install-prompt.ts';
import { startPwa } from './start.ts';

describe('startPwa', () => {
  it('listens for the install offer at once and registers the worker', async () => {
    const createWorker = vi.fn();
    startPwa({ enabled: false, createWorker });
    window.dispatchEvent(new Event('beforeinstallprompt', { cancelable: true }));
    expect(getInstallPrompt().canInstall()).toBe(true);
    await Promise.resolve();
    expect(createWorker).not.toHaveBeenCalled();
  });
});
