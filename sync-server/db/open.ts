// Chooses the database: PostgreSQL when DATABASE_URL is set, PGlite in DATA_DIR otherwise.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config';
import { openPglite } from './pglite';
import type { PgliteGuardOptions } from './pglite-guard';
import { openPostgres } from './postgres';
import type { Db } from './types';

export async function openDb(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'dbTimeoutMs'>,
  pgliteGuard: Omit<PgliteGuardOptions, 'dataDir'> = {},
): Promise<Db> {
  if (config.databaseUrl)
    return openPostgres(config.databaseUrl, { timeoutMs: config.dbTimeoutMs });
  const dir = join(config.dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  return openPglite(dir, config.dbTimeoutMs, pgliteGuard);
}
