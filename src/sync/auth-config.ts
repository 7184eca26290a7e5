// Which auth server the client talks to; dependency-free so the service worker can import it.

/** The local server does not check the anon key; supabase-js only requires one to be present. */
export const PLACEHOLDER_ANON_KEY = 'tend-local-anon-key';

export interface AuthConfig {
  url: string;
  anonKey: string;
}

export function resolveAuthConfig(env: Record<string, unknown>, origin: string): AuthConfig {
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const url = text(env.VITE_SUPABASE_URL);
  return {
    url: url || origin,
    anonKey: (url && text(env.VITE_SUPABASE_ANON_KEY)) || PLACEHOLDER_ANON_KEY,
  };
}
