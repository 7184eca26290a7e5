// Sign up / in / out through supabase-js: the project's Supabase when VITE_SUPABASE_URL is set, otherwise
// the Tend server itself (same origin), which answers the same /auth/v1 endpoints. The session is stored
// in IndexedDB (auth-storage.ts) so the service worker can replay the outbox with it.
import { createClient } from '@supabase/supabase-js';
import type {
  AuthError,
  Session,
  SupabaseClient,
  SupabaseClientOptions,
} from '@supabase/supabase-js';
import { createSignal } from 'solid-js';
import type { Accessor } from 'solid-js';
import type { TendDb } from '../db/database';
import { AUTH_STORAGE_KEY, createMetaStorage } from './auth-storage';

export { resolveAuthConfig } from './auth-config';
export type { AuthConfig } from './auth-config';
import type { AuthConfig } from './auth-config';

export interface AuthUser {
  id: string;
  email: string;
  /** A mailed link proved the address (an auto-confirmed sign-up has not). */
  emailConfirmed: boolean;
}

type AuthResult =
  { ok: true; user: AuthUser | null; needsConfirmation: boolean } | ({ ok: false } & AuthFailure);

export interface TendAuth {
  client: SupabaseClient;
  user: Accessor<AuthUser | null>;
  /** False until the stored session has been read. */
  ready: Accessor<boolean>;
  signUp(email: string, password: string): Promise<AuthResult>;
  signIn(email: string, password: string): Promise<AuthResult>;
  signOut(): Promise<void>;
  getAccessToken(): Promise<string | null>;
  /**
   * Refreshes now, whatever the local clock says. For a 401 on a token this device still thinks valid:
   * a device whose clock runs behind keeps using an expired token otherwise.
   */
  refreshAccessToken(): Promise<string | null>;
  /** Called with the user after every sign-in (and for a session restored at load). */
  onSignedIn(listener: (user: AuthUser) => void): () => void;
  dispose(): void;
}

interface AuthOptions extends AuthConfig {
  db: TendDb;
  fetch?: typeof fetch;
  /** Extra supabase-js options (tests on Node pass a WebSocket transport for realtime). */
  clientOptions?: SupabaseClientOptions<'public'>;
}

const toUser = (session: Session | null): AuthUser | null =>
  session?.user
    ? {
        id: session.user.id,
        email: session.user.email ?? '',
        emailConfirmed: !!session.user.email_confirmed_at,
      }
    : null;

/** A failed sign-in or sign-up: a code the UI turns into words, and the service's own text. */
export interface AuthFailure {
  code: string;
  detail: string;
}

export function authFailureOf(error: AuthError | Error): AuthFailure {
  const code =
    (error as AuthError).code ??
    (error.name === 'AuthRetryableFetchError' ? 'network_error' : 'auth_error');
  // Older auth servers send no code for a wrong password, only this text.
  const wrongPassword = /invalid login credentials/i.test(error.message);
  return { code: wrongPassword ? 'invalid_credentials' : code, detail: error.message };
}

export function createAuth(options: AuthOptions): TendAuth {
  const client = createClient(options.url, options.anonKey, {
    ...options.clientOptions,
    global: {
      ...options.clientOptions?.global,
      fetch: options.fetch ?? ((...args) => fetch(...args)),
    },
    auth: {
      storage: createMetaStorage(options.db),
      storageKey: AUTH_STORAGE_KEY,
      persistSession: true,
      autoRefreshToken: true,
      detectSessionInUrl: false,
    },
  });
  const [user, setUser] = createSignal<AuthUser | null>(null);
  const [ready, setReady] = createSignal(false);
  const listeners = new Set<(user: AuthUser) => void>();
  const notify = (u: AuthUser) => listeners.forEach((listener) => listener(u));

  const { data } = client.auth.onAuthStateChange((event, session) => {
    setUser(toUser(session));
    const u = toUser(session);
    // Listeners run outside supabase-js's callback: it must not await other auth calls inside it.
    if (u && (event === 'SIGNED_IN' || event === 'INITIAL_SESSION')) setTimeout(() => notify(u), 0);
  });
  void client.auth.getSession().then(({ data: d }) => {
    setUser(toUser(d.session));
    setReady(true);
  });

  async function run(
    call: () => Promise<{ data: { session: Session | null }; error: AuthError | null }>,
  ) {
    try {
      const { data: result, error } = await call();
      if (error) return { ok: false as const, ...authFailureOf(error) };
      setUser(toUser(result.session));
      return {
        ok: true as const,
        user: toUser(result.session),
        needsConfirmation: !result.session,
      };
    } catch (error) {
      return { ok: false as const, ...authFailureOf(error as Error) };
    }
  }

  return {
    client,
    user,
    ready,
    signUp: (email, password) => run(() => client.auth.signUp({ email, password })),
    signIn: (email, password) => run(() => client.auth.signInWithPassword({ email, password })),
    async signOut() {
      // Local scope: the session goes even when the server cannot be reached.
      await client.auth.signOut({ scope: 'local' });
      setUser(null);
    },
    async getAccessToken() {
      const { data: d } = await client.auth.getSession();
      return d.session?.access_token ?? null;
    },
    async refreshAccessToken() {
      const { data: d } = await client.auth.refreshSession();
      return d.session?.access_token ?? null;
    },
    onSignedIn(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      data.subscription.unsubscribe();
      client.auth.stopAutoRefresh();
      listeners.clear();
    },
  };
}
