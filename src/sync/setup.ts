// Wires sync into the page once: auth (supabase-js), the engine, and "sign-in uploads local tasks".
// H3 calls `startSync({ db, clock })` at boot; components reach the result through `getSyncServices()`.
import type { Clock } from '../core/hlc';
import type { TendDb } from '../db/database';
import { createAuth, resolveAuthConfig } from './auth';
import type { TendAuth } from './auth';
import { createSyncEngine } from './sync-engine';
import type { SyncEngine, SyncEngineOptions } from './sync-engine';
import { queueLocalTasksForUser } from './upload-local';

export interface SyncServices {
  db: TendDb;
  auth: TendAuth;
  engine: SyncEngine;
}

let services: SyncServices | null = null;

export function getSyncServices(): SyncServices | null {
  return services;
}

export function setSyncServices(value: SyncServices | null): void {
  services = value;
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
  if (services) return services;
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
  auth.onSignedIn((user) => {
    void queueLocalTasksForUser(db, user.id).then(() => engine.syncNow());
  });
  engine.start();
  services = { db, auth, engine };
  return services;
}

export async function signOutAndStop(s: SyncServices): Promise<void> {
  await s.auth.signOut();
  await s.engine.syncNow();
}
