import { describe, expect, it, vi } from 'vitest';
import { createInstallPrompt, getInstallPrompt } from './install-prompt.ts';

function createOffer(outcome: 'accepted' | 'dismissed') {
  const event = new Event('beforeinstallprompt', { cancelable: true });
  const prompt = vi.fn(async () => undefined);
  Object.assign(event, { prompt, userChoice: Promise.resolve({ outcome }) });
  return { event, prompt };
}

describe('createInstallPrompt', () => {
  it('has nothing to offer until the browser fires beforeinstallprompt', async () => {
    const prompt = createInstallPrompt(new EventTarget());
    expect(prompt.canInstall()).toBe(false);
    expect(await prompt.install()).toBe('unavailable');
  });

  it('keeps the offer, suppresses the browser UI and shows the prompt on request', async () => {
    const target = new EventTarget();
    const installPrompt = createInstallPrompt(target);
    const { event, prompt } = createOffer('accepted');
    target.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(installPrompt.canInstall()).toBe(true);
    expect(await installPrompt.install()).toBe('accepted');
    expect(prompt).toHaveBeenCalledTimes(1);
  });

  it('uses an offer once only', async () => {
    const target = new EventTarget();
    const installPrompt = createInstallPrompt(target);
    target.dispatchEvent(createOffer('dismissed').event);
    expect(await installPrompt.install()).toBe('dismissed');
    expect(installPrompt.canInstall()).toBe(false);
    expect(await installPrompt.install()).toBe('unavailable');
  });

  it('drops the offer once the app is installed', () => {
    const target = new EventTarget();
    const installPrompt = createInstallPrompt(target);
    target.dispatchEvent(createOffer('accepted').event);
    target.dispatchEvent(new Event('appinstalled'));
    expect(installPrompt.canInstall()).toBe(false);
  });

  it('shares one page-wide prompt', () => {
    const target = new EventTarget();
    expect(getInstallPrompt(target)).toBe(getInstallPrompt(new EventTarget()));
  });
});
