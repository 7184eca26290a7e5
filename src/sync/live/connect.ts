// Runs live sync for whoever is signed in: starts it on sign-in, stops it on sign-out or when another
// account signs in, and tells the engine whether a stream is connected (it polls only when none is).
// Browsers without Web Locks or BroadcastChannel keep the 60-second poll.
import { createEffect, createRoot, on } from 'solid-js';
import type { Accessor } from 'solid-js';
import type { TendDb } from '../../db/database';
import type { SyncEngine } from '../sync-engine';
import { getCursor } from '../pull';
import type { SyncTransport } from '../http';
import { startLiveSync } from './live-sync';
import type { LiveSync } from './live-sync';

interface ConnectLiveSyncOptions extends SyncTransport {
  db: TendDb;
  engine: Pick<SyncEngine, 'syncNow' | 'setLive'>;
  user: Accessor<{ id: string } | null>;
  refreshAccessToken?: () => Promise<string | null>;
}

function liveSyncSupported(): boolean {
  return (
    typeof navigator !== 'undefined' && !!navigator.locks && typeof BroadcastChannel === 'function'
  );
}

/** Returns the disconnect. */
export function connectLiveSync(options: ConnectLiveSyncOptions): () => void {
  if (!liveSyncSupported()) return () => undefined;
  const { db, engine } = options;
  let current: LiveSync | null = null;
  const stopCurrent = () => {
    current?.stop();
    current = null;
    engine.setLive(false);
  };
  return createRoot((dispose) => {
    createEffect(
      on(
        () => options.user()?.id ?? null,
        (userId) => {
          stopCurrent();
          if (!userId) return;
          current = startLiveSync({
            ...options,
            userId,
            getCursor: async () => {
              const cursor = await getCursor(db);
              return cursor === undefined ? undefined : Number(cursor);
            },
            pull: () => engine.syncNow(),
            onConnection: (connection) => engine.setLive(connection === 'live'),
            locks: navigator.locks,
            openChannel: (name) => new BroadcastChannel(name),
            isOnline: () => navigator.onLine !== false,
            onOnline(listener) {
              window.addEventListener('online', listener);
              return () => window.removeEventListener('online', listener);
            },
          });
        },
      ),
    );
    return () => {
      stopCurrent();
      dispose();
    };
  });
}
