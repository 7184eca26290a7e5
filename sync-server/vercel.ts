// The server's second host, beside main.ts: the app with its operations as a Vercel Function builds it, on
// PostgreSQL (Supabase) over DATABASE_URL with a small pool, since one instance serves one request at a time. scripts/ops/build-api.mjs bundles this file (relative imports
// inlined) because Vercel runs functions as native ESM, which refuses the sources' extensionless imports.
import type { Hono } from 'hono';
import { loadConfig } from './config';
import { openPostgres } from './db/postgres';
import { resolveSecrets } from './secrets';
import { createLogger } from './logging/logger';
import { createHostedApp } from './hosted-app';

export async function loadDeployedApp(
  env: Record<string, string | undefined> = process.env,
): Promise<Pick<Hono, 'fetch'>> {
  const config = loadConfig(env);
  if (!config.databaseUrl)
    throw new Error('DATABASE_URL is required on Vercel: the embedded database needs a disk');
  const secrets = resolveSecrets(config);
  const db = openPostgres(config.databaseUrl, { max: 2, timeoutMs: config.dbTimeoutMs });
  const logger = createLogger({
    env,
    level: config.logLevel,
    secrets: Object.values(secrets),
  });
  // A function ends after its maximum duration and cannot hold event streams: clients poll instead.
  return createHostedApp({ config, db, logger, secrets, live: null }).app;
}
