// The "New version available — Reload" handshake between the page and a waiting service worker.
import { createSignal, type Accessor } from 'solid-js';

/** The part of workbox-window's Workbox the update flow uses (a fake in unit tests). */
export interface UpdatableWorker {
  addEventListener(
    type: 'waiting' | 'controlling',
    listener: (event: { isExternal?: boolean }) => void,
  ): void;
  messageSkipWaiting(): void;
}

export interface UpdateFlow {
  /** True once a new version is installed and waiting for the user's go-ahead. */
  updateReady: Accessor<boolean>;
  /** Activates the waiting version; the page reloads when it takes control. */
  applyUpdate(): void;
  dismiss(): void;
}

/**
 * The page reloads only after the user asked for it: a new worker taking control for any other
 * reason (another tab pressed Reload) just keeps the prompt up, so nobody loses what they type.
 */
export function createUpdateFlow(worker: UpdatableWorker, reload: () => void): UpdateFlow {
  const [updateReady, setUpdateReady] = createSignal(false);
  let reloadRequested = false;

  worker.addEventListener('waiting', () => setUpdateReady(true));
  worker.addEventListener('controlling', (event) => {
    if (reloadRequested) reload();
    else if (event.isExternal) setUpdateReady(true);
  });

  return {
    updateReady,
    applyUpdate() {
      reloadRequested = true;
      worker.messageSkipWaiting();
    },
    dismiss() {
      setUpdateReady(false);
    },
  };
}
