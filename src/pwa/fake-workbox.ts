// Test double for workbox-window's Workbox (unit tests cannot run a real service worker):
// records listeners and calls, and lets a test fire lifecycle events.
import type { RegistrableWorker } from './register.ts';

type Listener = (event: { isExternal?: boolean }) => void;

export function createFakeWorkbox() {
  const listeners = new Map<string, Listener[]>();
  const calls = { messageSkipWaiting: 0, register: 0 };
  const worker: RegistrableWorker = {
    addEventListener: (type, listener) => {
      listeners.set(type, [...(listeners.get(type) ?? []), listener]);
    },
    messageSkipWaiting: () => {
      calls.messageSkipWaiting += 1;
    },
    register: async () => {
      calls.register += 1;
    },
  };
  const fire = (type: 'waiting' | 'controlling', event: { isExternal?: boolean } = {}) =>
    (listeners.get(type) ?? []).forEach((listener) => listener(event));
  return { worker, fire, calls };
}
