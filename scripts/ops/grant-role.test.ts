// The operator's grant-role command, run as a real process against PGlite in DATA_DIR and against
// PostgreSQL through DATABASE_URL: it sets and removes the role the server (and its profiles) then see.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../sync-server/db/migrate';
import { openPglite } from '../../sync-server/db/pglite';
import type { Db } from '../../sync-server/db/types';
import { createTestDatabase, pgReachable } from '../../sync-server/test/harness';

const SCRIPT = fileURLToPath(new URL('./grant-role.ts', import.meta.url));
const run = promisify(execFile);
const postgresUp = await pgReachable();

async function grantRole(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', SCRIPT, ...args], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function addUser(db: Db, email: string): Promise<string> {
  const id = randomUUID();
  await db.query(
    `insert into auth.users (id, email, encrypted_password, raw_app_meta_data) values ($1, $2, 'x', '{"provider":"email"}')`,
    [id, email],
  );
  return id;
}

async function roleOf(db: Db, id: string) {
  const [row] = await db.query<{ app_role: string | null; staff_role: string | null }>(
    `select u.raw_app_meta_data ->> 'role' as app_role, p.staff_role
       from auth.users u join public.profiles p on p.id = u.id where u.id = $1`,
    [id],
  );
  return row;
}

describe('npm run ops:grant-role', () => {
  it('sets and removes a role in PGlite under DATA_DIR, and explains bad usage', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tend-grant-role-'));
    const pglite = join(dataDir, 'pglite');
    let db = await openPglite(pglite);
    await migrate(db);
    const id = await addUser(db, 'ops@example.test');
    await db.close();

    const env = { DATA_DIR: dataDir };
    const granted = await grantRole(env, '--email', 'OPS@example.test', '--role', 'admin');
    expect(granted.code).toBe(0);
    expect(granted.stdout).toContain('ops@example.test: role admin');
    db = await openPglite(pglite);
    expect(await roleOf(db, id)).toEqual({ app_role: 'admin', staff_role: 'admin' });
    await db.close();

    expect((await grantRole(env, '--email', 'ops@example.test', '--role', 'none')).code).toBe(0);
    const unknown = await grantRole(env, '--email', 'nobody@example.test', '--role', 'admin');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no user with the email nobody@example.test');
    const bad = await grantRole(env, '--email', 'ops@example.test', '--role', 'superuser');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('usage: npm run ops:grant-role');
    db = await openPglite(pglite);
    expect(await roleOf(db, id)).toEqual({ app_role: null, staff_role: null });
    await db.close();
  }, 120_000);

  describe.runIf(postgresUp)('on PostgreSQL', () => {
    let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
    afterAll(() => database?.drop());

    it('sets a role through DATABASE_URL', async () => {
      database = await createTestDatabase('postgres', 'grant_role');
      const id = await addUser(database.db, 'lead@example.test');
      const res = await grantRole(
        { DATABASE_URL: database.url! },
        '--email',
        'lead@example.test',
        '--role',
        'support',
      );
      expect(res.code).toBe(0);
      expect(await roleOf(database.db, id)).toEqual({ app_role: 'support', staff_role: 'support' });
    }, 60_000);
  });
});
