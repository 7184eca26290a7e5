// startPwa on its own: the page entry calls it without pulling the prompt components in.
import { getInstallPrompt } from './install-prompt.ts';
import { registerServiceWorker, type RegisterOptions } from './register.ts';

/** Starts listening for the install offer (it fires early) and registers the service worker. */
export function startPwa(options?: RegisterOptions): void {
  if (typeof window === 'undefined') return;
  getInstallPrompt(window);
  void registerServiceWorker(options);
}
