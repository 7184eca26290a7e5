// Test harness (not a test double): a real app over a real database, PGlite in memory or a fresh
// PostgreSQL database on 127.0.0.1:5432 created for the calling file and dropped afterwards.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import postgres from 'postgres';
import { createApp } from '../app';
import type { Env } from '../config';
import { loadConfig, LOCAL_JWT_ISSUER } from '../config';
import type { AppContext } from '../context';
import { createContext } from '../context';
import { migrate } from '../db/migrate';
import { openPglite } from '../db/pglite';
import { openPostgres } from '../db/postgres';
import type { Db } from '../db/types';
import { createLogger } from '../logging/logger';
import { TEST_JWT_SECRET } from './test-secrets';

export const PG_ADMIN_URL =
  process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export { TEST_JWT_SECRET };
export type DbKind = 'pglite' | 'postgres';

export async function pgReachable(): Promise<boolean> {
  const sql = postgres(PG_ADMIN_URL, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

export interface TestDatabase {
  db: Db;
  url?: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database of the given kind. */
export async function createTestDatabase(kind: DbKind, suite: string): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const db = await openPglite(undefined);
    await migrate(db);
    return { db, drop: () => db.close() };
  }
  const name = `tend_${suite}_${randomUUID().slice(0, 8)}`.replace(/[^a-z0-9_]/g, '_');
  const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const db = openPostgres(url, { max: 10 });
  await migrate(db);
  return {
    db,
    url,
    async drop() {
      await db.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 1 });
    },
  };
}

export interface TestServer {
  app: ReturnType<typeof createApp>;
  ctx: AppContext;
  db: Db;
  close(): Promise<void>;
}

export async function createTestServer(
  kind: DbKind,
  suite: string,
  options: { env?: Env; ctx?: Partial<AppContext> } = {},
): Promise<TestServer> {
  const database = await createTestDatabase(kind, suite);
  const dir = mkdtempSync(join(tmpdir(), 'tend-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dir,
    DIST_DIR: join(dir, 'dist'),
    ...options.env,
  });
  const ctx = createContext({
    config,
    db: database.db,
    logger: createLogger({ level: 'silent' }),
    secrets: { jwtSecret: TEST_JWT_SECRET, encryptionKey: 'k', cronSecret: 'c' },
    ...options.ctx,
  });
  return { app: createApp(ctx), ctx, db: database.db, close: () => database.drop() };
}

/** An access token as Supabase or our local auth would sign it (HS256), with overridable claims. */
export async function mintToken(
  sub: string,
  claims: Record<string, unknown> = {},
  options: {
    secret?: string;
    expiresIn?: string | number;
    audience?: string;
    issuer?: string;
  } = {},
): Promise<string> {
  const jwt = new SignJWT({
    role: 'authenticated',
    email: `${sub.slice(0, 8)}@example.test`,
    ...claims,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setAudience(options.audience ?? 'authenticated')
    .setIssuer(options.issuer ?? LOCAL_JWT_ISSUER)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '1h');
  return jwt.sign(new TextEncoder().encode(options.secret ?? TEST_JWT_SECRET));
}

export interface TestUser {
  id: string;
  token: string;
  headers: Record<string, string>;
}

export async function createTestUser(claims: Record<string, unknown> = {}): Promise<TestUser> {
  const id = randomUUID();
  const token = await mintToken(id, claims);
  return {
    id,
    token,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  };
}

/** Which databases to run a suite on: PGlite always, PostgreSQL when reachable. */
export async function databaseKinds(): Promise<DbKind[]> {
  return (await pgReachable()) ? ['pglite', 'postgres'] : ['pglite'];
}
