// startPwa on its own: the page entry calls it without pulling the prompt components in.
import { getInstallPrompt } from './install-prompt.ts';
import { registerServiceWorker, type RegisterOptions } from './register.ts';

/**
 * Starts listening for the install offer (it fires early) and registers the service worker once
 * `registerAfter` resolves (the page's first paint: workbox-window is not part of it).
 */
export function startPwa(options?: RegisterOptions, registerAfter?: Promise<unknown>): void {
  if (typeof window === 'undefined') return;
  getInstallPrompt(window);
  void Promise.resolve(registerAfter).then(() => registerServiceWorker(options));
}
