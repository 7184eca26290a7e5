// The operator's restore command, run as a real process, restoring from a real S3-compatible server (s3rver on
// a free port): it lists the bucket, restores the newest full backup with the increments after it, or one
// backup named by its key, into PGlite under DATA_DIR, printing its progress as it goes.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../sync-server/db/pglite';
import type { Db } from '../../sync-server/db/types';
import { recordAudit } from '../../sync-server/ops/admin/audit-log';
import { uploadBackup } from '../../sync-server/ops/backup/offsite';
import { runBackup } from '../../sync-server/ops/backup/run-backup';
import type { S3Target } from '../../sync-server/ops/backup/s3';
import type { BackupManifest } from '../../sync-server/ops/backup/store';
import { createPgliteDb, seedUsersAndTasks } from '../../sync-server/ops/test-support/databases';
import { startS3Server } from '../../sync-server/ops/test-support/s3-server';

const SCRIPT = fileURLToPath(new URL('./restore.ts', import.meta.url));
const run = promisify(execFile);
const KEY = 'test-encryption-key-0123456789abcdef';
const EDITED = '10000000-0000-4000-8000-000000000001';

let dir: string;
let server: S3rver;
let target: S3Target;
let source: Db;
const uploaded: BackupManifest[] = [];

async function restoreCli(dataDir: string, ...args: string[]) {
  const env = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    ENCRYPTION_KEY: KEY,
    BACKUP_S3_ENDPOINT: target.endpoint,
    BACKUP_S3_BUCKET: target.bucket,
    BACKUP_S3_ACCESS_KEY_ID: target.accessKeyId,
    BACKUP_S3_SECRET_ACCESS_KEY: target.secretAccessKey,
    BACKUP_S3_PREFIX: target.prefix ?? '',
  };
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', SCRIPT, ...args], {
      env,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function readRestored(dataDir: string) {
  const db = await openPglite(join(dataDir, 'pglite'));
  try {
    const [{ n }] = await db.query<{ n: number }>('select count(*)::int as n from public.tasks');
    const [{ title }] = await db.query<{ title: string }>(
      'select title from public.tasks where id = $1',
      [EDITED],
    );
    const [{ audits }] = await db.query<{ audits: number }>(
      'select count(*)::int as audits from tend_ops.audit_log',
    );
    return { tasks: n, title, audits };
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tend-restore-cli-'));
  ({ server, target } = await startS3Server(dir));
  source = await createPgliteDb();
  const [admin, user] = await seedUsersAndTasks(source, { users: 2, tasksPerUser: 3 });
  await recordAudit(source, {
    actor: { id: admin, email: undefined, staffRole: 'admin', claims: { sub: admin, role: 'x' } },
    action: 'user.read',
    subject: user,
  });
  const local = join(dir, 'local');
  const backup = async (kind: 'full' | 'incremental', iso: string) => {
    const { manifest } = await runBackup(kind, {
      db: source,
      dir: local,
      encryptionKey: KEY,
      now: new Date(iso),
    });
    await uploadBackup(target, local, manifest!);
    uploaded.push(manifest!);
  };
  await backup('full', '2026-11-25T03:00:00Z');
  await source.query('delete from public.tasks where owner = $1', [user]);
  await backup('full', '2026-11-26T03:00:00Z');
  await source.query(
    `update public.tasks set title = 'edited after the full backup', updated_at = $2, version = 100
      where id = $1`,
    [EDITED, '2026-11-26T04:30:00Z'],
  );
  await backup('incremental', '2026-11-26T05:00:00Z');
}, 240_000);

afterAll(async () => {
  await server?.close();
  await source?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('npm run ops:restore from the bucket', () => {
  it('lists the backups the bucket holds', async () => {
    const { code, stdout } = await restoreCli(join(dir, 'list'), '--list-s3');
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toEqual(
      uploaded.map((m) => `${m.id}\t${m.kind}\t${m.createdAt}\t${m.bytes} bytes`),
    );
  });

  it('restores the newest full backup and the increments after it, with progress', async () => {
    const dataDir = join(dir, 'latest');
    const { code, stderr } = await restoreCli(dataDir, '--from-s3');
    expect(code, stderr).toBe(0);
    const [, newestFull, increment] = uploaded;
    expect(stderr).toContain(`50% download ${newestFull.file}`);
    expect(stderr).toContain(`100% download ${increment.file}`);
    expect(stderr).toMatch(/100% done restore validated/);
    // The second user's three tasks were deleted before the newest full backup; the increment's edit is on top.
    expect(await readRestored(dataDir)).toEqual({
      tasks: 3,
      title: 'edited after the full backup',
      audits: 1,
    });
  }, 240_000);

  it('restores one backup named by its key, and refuses a key the bucket does not hold', async () => {
    const dataDir = join(dir, 'named');
    const [oldest] = uploaded;
    const named = await restoreCli(dataDir, '--from-s3', oldest.file);
    expect(named.code, named.stderr).toBe(0);
    expect(await readRestored(dataDir)).toMatchObject({ tasks: 6, audits: 1 });

    const missing = await restoreCli(join(dir, 'missing'), '--from-s3', 'tend-full-nope.bak');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('the bucket holds no backup tend-full-nope.bak');
  }, 240_000);
});
