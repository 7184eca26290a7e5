// Wires sync into the page once: auth (supabase-js), the engine, and "sign-in uploads local tasks".
// The shell calls `startSync({ db, clock })` at boot; components reach the result through `getSyncServices()`.
import { createSignal } from 'solid-js';
import type { Clock } from '../core/hlc';
import type { TendDb } from '../db/database';
import { consumeAccountLink } from './account-links';
import { createAuth, resolveAuthConfig } from './auth';
import { connectLiveSync } from './live/connect';
import type { TendAuth } from './auth';
import { createSyncEngine } from './sync-engine';
import type { SyncEngine, SyncEngineOptions } from './sync-engine';
import { queueLocalTasksForUser } from './upload-local';

export interface SyncServices {
  db: TendDb;
  auth: TendAuth;
  engine: SyncEngine;
}

// A signal, not a plain variable: the page starts sync after its first paint, so a panel mounted
// earlier (Settings opened at once) must show up when the services arrive.
const [services, setServices] = createSignal<SyncServices | null>(null);

export function getSyncServices(): SyncServices | null {
  return services();
}

export function setSyncServices(value: SyncServices | null): void {
  setServices(() => value);
}

export interface StartSyncOptions {
  db: TendDb;
  clock: Clock;
  origin?: string;
  auth?: TendAuth;
  engine?: Partial<SyncEngineOptions>;
}

export function startSync({
  db,
  clock,
  origin = location.origin,
  ...overrides
}: StartSyncOptions): SyncServices {
  const running = services();
  if (running) return running;
  const auth = overrides.auth ?? createAuth({ db, ...resolveAuthConfig(import.meta.env, origin) });
  const engine = createSyncEngine({
    db,
    clock,
    clientId: clock.nodeId,
    fetch: (...args) => fetch(...args),
    baseUrl: origin,
    getAccessToken: auth.getAccessToken,
    refreshAccessToken: auth.refreshAccessToken,
    ...overrides.engine,
  });
  // A mailed account link lands here with its session in the URL fragment.
  void consumeAccountLink(auth);
  auth.onSignedIn((user) => {
    void queueLocalTasksForUser(db, user.id).then(() => engine.syncNow());
  });
  engine.start();
  connectLiveSync({
    db,
    engine,
    user: auth.user,
    fetch: (...args) => fetch(...args),
    baseUrl: origin,
    getAccessToken: auth.getAccessToken,
    refreshAccessToken: auth.refreshAccessToken,
  });
  const started = { db, auth, engine };
  setServices(started);
  return started;
}

export async function signOutAndStop(s: SyncServices): Promise<void> {
  await s.auth.signOut();
  await s.engine.syncNow();
}
