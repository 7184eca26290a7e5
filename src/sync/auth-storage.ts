// Where the signed-in session lives: IndexedDB `meta` (not localStorage), so the service worker can read
// it and refresh it for Background Sync. supabase-js reads and writes it through this adapter.
import type { TendDb } from '../db/database';

/** supabase-js `storageKey`; the session is the JSON string stored under `auth:<key>`. */
export const AUTH_STORAGE_KEY = 'tend-auth';
const prefix = (key: string) => `auth:${key}`;

interface AsyncStorage {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}

/**
 * supabase-js keeps a refresh timer that can outlive the database (a wiped account, a closed tab's last
 * tick): a closed database holds no session, and nothing written to it could be kept anyway.
 */
async function unlessClosed<T>(work: () => Promise<T>, closed: T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if ((error as { name?: string } | null)?.name === 'DatabaseClosedError') return closed;
    throw error;
  }
}

export function createMetaStorage(db: TendDb): AsyncStorage {
  return {
    getItem: (key) =>
      unlessClosed(async () => {
        const value = (await db.meta.get(prefix(key)))?.value;
        return typeof value === 'string' ? value : null;
      }, null),
    setItem: (key, value) =>
      unlessClosed(async () => {
        await db.meta.put({ key: prefix(key), value });
      }, undefined),
    removeItem: (key) =>
      unlessClosed(async () => {
        await db.meta.delete(prefix(key));
      }, undefined),
  };
}

/** The GoTrue session fields sync needs. */
export interface StoredSession {
  access_token: string;
  refresh_token: string;
  /** Seconds since the epoch. */
  expires_at?: number;
  expires_in?: number;
  user?: { id: string; email?: string };
}

export async function readSession(db: TendDb): Promise<StoredSession | null> {
  const raw = await createMetaStorage(db).getItem(AUTH_STORAGE_KEY);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as StoredSession;
    return typeof parsed.access_token === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

export async function writeSession(db: TendDb, session: StoredSession): Promise<void> {
  await createMetaStorage(db).setItem(AUTH_STORAGE_KEY, JSON.stringify(session));
}
