// Vercel Functions entry: one Hono app per warm instance, built on first request from the environment, and a
// Web-standard handler (Request -> Response) for every HTTP method. Files under api/ that start with "_" are
// not functions themselves.
import type { Hono } from 'hono';
import { createApp } from '../../sync-server/app';
import { loadConfig } from '../../sync-server/config';
import { createContext } from '../../sync-server/context';
import { openPostgres } from '../../sync-server/db/postgres';
import { loadExtensions } from '../../sync-server/extensions';
import { createServerLogger } from '../../sync-server/ops/logging/logger';
import { resolveSecrets } from '../../sync-server/secrets';

export type AppLoader = () => Promise<Pick<Hono, 'fetch'>>;

/** Production wiring: PostgreSQL (Supabase) over DATABASE_URL with a small pool, as one instance serves one request at a time. */
export const loadDeployedApp: AppLoader = async () => {
  const config = loadConfig(process.env);
  if (!config.databaseUrl)
    throw new Error('DATABASE_URL is required on Vercel: the embedded database needs a disk');
  const secrets = resolveSecrets(config);
  const db = openPostgres(config.databaseUrl, { max: 2 });
  const ctx = createContext({
    config,
    db,
    logger: createServerLogger({ level: config.logLevel, secrets: Object.values(secrets) }),
    secrets,
  });
  return createApp(ctx, await loadExtensions());
};

/**
 * Rewrites such as `/health -> /api/root?__path=/health` carry the public path in `__path`; the app routes on
 * the public path whether or not the platform already restored it.
 */
export function toAppRequest(request: Request): Request {
  const url = new URL(request.url);
  const original = url.searchParams.get('__path');
  if (!original || !original.startsWith('/')) return request;
  url.searchParams.delete('__path');
  url.pathname = original;
  return new Request(url, request);
}

export function createVercelHandler(load: AppLoader = loadDeployedApp) {
  let app: Promise<Pick<Hono, 'fetch'>> | null = null;
  return async (request: Request): Promise<Response> => {
    app ??= load().catch((error: unknown) => {
      app = null; // a failed cold start (database down) is retried by the next request
      throw error;
    });
    return (await app).fetch(toAppRequest(request));
  };
}

export const handler = createVercelHandler();
