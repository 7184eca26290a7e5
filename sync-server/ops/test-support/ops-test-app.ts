// A real server app with ops installed, on a real database, plus signed tokens for each staff role.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import type { Hono } from 'hono';
import { createApp } from '../../app';
import { loadConfig, LOCAL_JWT_ISSUER } from '../../config';
import { createContext, type AppContext } from '../../context';
import type { Db } from '../../db/types';
import { createLogger } from '../../logging/logger';
import { recordAudit } from '../admin/audit-log';
import { installOps, opsOf, type InstalledOps } from '../index';
import type { StaffRole } from '../../auth/user';

export const SECRETS = {
  jwtSecret: 'test-jwt-secret-0123456789abcdefghijkl',
  encryptionKey: 'test-encryption-key-0123456789abcdef',
  cronSecret: 'test-cron-secret-0123456789abcdefgh',
};

export interface TestApp {
  app: Hono;
  ctx: AppContext;
  ops: InstalledOps;
  dataDir: string;
  token(role: StaffRole | null, sub?: string): Promise<string>;
}

export async function createTestApp(
  db: Db,
  env: Record<string, string | undefined> = {},
  /** Variables for the app's configuration (NODE_ENV, VERCEL_ENV…), over a test configuration. */
  configEnv: Record<string, string | undefined> = {},
  parts: Partial<AppContext> = {},
): Promise<TestApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tend-ops-app-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, ...configEnv });
  const ctx = createContext({
    config,
    db,
    logger: createLogger({ level: 'silent' }),
    secrets: SECRETS,
    audit: (entry) => recordAudit(db, entry),
    ...parts,
  });
  const opsEnv = { OPS_SCHEDULER: '0', BACKUP_DIR: join(dataDir, 'backups'), ...env };
  const app = createApp(ctx, {
    installOperations: (a) => installOps(a, ctx, { env: opsEnv }),
  }) as unknown as Hono;
  const ops = opsOf(app);
  if (!ops) throw new Error('installOps did not run');
  return {
    app,
    ctx,
    ops,
    dataDir,
    async token(role, sub = '00000000-0000-4000-8000-0000000000aa') {
      return new SignJWT({
        role: 'authenticated',
        app_metadata: role ? { role } : {},
        session_id: 's-1',
      })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(sub)
        .setIssuer(LOCAL_JWT_ISSUER)
        .setAudience('authenticated')
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(SECRETS.jwtSecret));
    },
  };
}
