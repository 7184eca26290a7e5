// startPwa on its own, so the page entry does not pull the prompt components in with the barrel.
import { getInstallPrompt } from './install-prompt.ts';
import { registerServiceWorker, type RegisterOptions } from './register.ts';

/** Starts listening for the install offer (it fires early) and registers the service worker. */
export function startPwa(options?: RegisterOptions): void {
  if (typeof window === 'undefined') return;
  getInstallPrompt(window);
  void registerServiceWorker(options);
}
