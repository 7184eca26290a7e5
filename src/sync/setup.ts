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
import { subscribeToPush, unsubscribeFromPush } from './push-subscription';
import type { SyncEngine, SyncEngineOptions } from './sync-engine';
import {
  claimLocalData,
  ownsLocalData,
  queueLocalTasksForUser,
  removeLocalData,
} from './upload-local';
import { storageProblemOf, updateSyncStatus } from './status';

export interface SyncServices {
  db: TendDb;
  auth: TendAuth;
  engine: SyncEngine;
}

/** Another account's tasks are on this device and the signed-in user has not said what to do. */
export interface LocalDataQuestion {
  userId: string;
  tasks: number;
}
const [question, setQuestion] = createSignal<LocalDataQuestion | null>(null);

/** The open "Add these N tasks to this account?" question, if any (reactive). */
export function localDataQuestion(): LocalDataQuestion | null {
  return question();
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
    // Nothing syncs while this device holds another account's tasks (see upload-local.ts).
    async getAccessToken() {
      const user = auth.user();
      const token = await auth.getAccessToken();
      return token && user && (await ownsLocalData(db, user.id)) ? token : null;
    },
    refreshAccessToken: auth.refreshAccessToken,
    ...overrides.engine,
  });
  // A mailed account link lands here with its session in the URL fragment.
  void consumeAccountLink(auth);
  auth.onSignedIn((user) => {
    // Reminders by push from now on, if this device already allows notifications.
    // A failed subscription leaves reminders to the open page; the next sign-in or grant tries again.
    void subscribeWhenAllowed(db, origin, auth).catch(() => undefined);
    claimLocalData(db, user.id).then(
      (claim) => {
        setQuestion(claim.kind === 'ask' ? { userId: user.id, tasks: claim.tasks } : null);
        if (claim.kind !== 'ask') return engine.syncNow();
      },
      // Storage refused the read (closed as the page shuts, or broken): nothing syncs until it is known
      // whose tasks these are, and the status says why.
      (error: unknown) => updateSyncStatus({ state: 'error', problem: storageProblemOf(error) }),
    );
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

/**
 * Signs out: unsent changes go to the server first (when it can be reached); then the tasks stay on this
 * device as a copy only this account can sync (`keep`), or are removed from it.
 */
export async function signOut(s: SyncServices, { keep }: { keep: boolean }): Promise<void> {
  if (!question()) await s.engine.syncNow();
  const pushManager = await devicePushManager();
  if (pushManager)
    await unsubscribeFromPush({
      db: s.db,
      baseUrl: location.origin,
      fetch: (...args) => fetch(...args),
      getAccessToken: s.auth.getAccessToken,
      pushManager,
    });
  await s.auth.signOut();
  setQuestion(null);
  if (!keep) await removeLocalData(s.db);
  await s.engine.syncNow();
}

async function devicePushManager(): Promise<PushManager | null> {
  const registration = await globalThis.navigator?.serviceWorker
    ?.getRegistration()
    .catch(() => undefined);
  return registration?.pushManager ?? null;
}

async function subscribeWhenAllowed(db: TendDb, origin: string, auth: TendAuth): Promise<void> {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const pushManager = await devicePushManager();
  if (!pushManager) return;
  await subscribeToPush({
    db,
    baseUrl: origin,
    fetch: (...args) => fetch(...args),
    getAccessToken: auth.getAccessToken,
    pushManager,
  });
}

/** The answer to "Add these N tasks to this account?". */
export async function answerLocalDataQuestion(
  s: SyncServices,
  answer: 'add' | 'remove',
): Promise<void> {
  const asked = question();
  if (!asked) return;
  if (answer === 'remove') await removeLocalData(s.db);
  await queueLocalTasksForUser(s.db, asked.userId);
  setQuestion(null);
  await s.engine.syncNow();
}
