// The off-site store against a real S3-compatible server over HTTP (s3rver, started here on a free port,
// files in a temp dir): upload, list, retention deleting expired backups in the bucket, and a restore
// from the bucket that round-trips the database.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../db/migrate';
import { openPglite } from '../../db/pglite';
import type { Db } from '../../db/types';
import { createPgliteDb, seedUsersAndTasks } from '../test-support/databases';
import { createTestApp, SECRETS } from '../test-support/ops-test-app';
import { startS3Server } from '../test-support/s3-server';
import { applyOffsiteRetention, downloadBackup, listOffsiteBackups, uploadBackup } from './offsite';
import { restoreBackup } from './restore';
import { runBackup } from './run-backup';
import { listObjects, type S3Target } from './s3';

const KEY = 'test-encryption-key-0123456789abcdef';
let server: S3rver;
let target: S3Target;
let dir: string;
let db: Db;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tend-offsite-'));
  ({ server, target } = await startS3Server(dir));
  db = await createPgliteDb();
  await seedUsersAndTasks(db, { users: 2, tasksPerUser: 4 });
});
afterAll(async () => {
  await server?.close();
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

const count = async (d: Db) =>
  Number((await d.query<{ n: string }>('select count(*)::text as n from public.tasks'))[0].n);

describe('off-site backups in an S3-compatible bucket', () => {
  it('uploads, lists, expires old backups there, and restores from the bucket', async () => {
    const local = join(dir, 'local');
    const backupAt = (iso: string) =>
      runBackup('full', { db, dir: local, encryptionKey: KEY, now: new Date(iso) });
    const old = await backupAt('2026-10-01T03:00:00Z');
    // Uploaded as the nightly job does, before the next run's local retention removes it from disk.
    await uploadBackup(target, local, old.manifest!);
    const fresh = await backupAt('2026-11-26T03:00:00Z');
    await uploadBackup(target, local, fresh.manifest!);
    expect((await listObjects(target)).sort()).toEqual(
      [old.manifest!, fresh.manifest!].flatMap((m) => [m.file, `${m.id}.manifest.json`]).sort(),
    );
    expect((await listOffsiteBackups(target)).map((m) => m.id)).toEqual([
      old.manifest!.id,
      fresh.manifest!.id,
    ]);

    // Daily backups are kept 30 days: the October one goes, the newest always stays.
    const removed = await applyOffsiteRetention(target, new Date('2026-11-26T04:00:00Z'));
    expect(removed).toEqual([old.manifest!.id]);
    expect((await listObjects(target)).sort()).toEqual(
      [fresh.manifest!.file, `${fresh.manifest!.id}.manifest.json`].sort(),
    );

    const path = await downloadBackup(target, fresh.manifest!.id, join(dir, 'download'));
    const target2 = await openPglite(undefined);
    try {
      await migrate(target2);
      const report = await restoreBackup(target2, path, { encryptionKey: KEY });
      expect(report.ok).toBe(true);
      expect(await count(target2)).toBe(await count(db));
      expect(await count(target2)).toBe(8);
    } finally {
      await target2.close();
    }
  });
});

describe('the backup job on Vercel in production', () => {
  const cron = { authorization: `Bearer ${SECRETS.cronSecret}` };
  const production = { NODE_ENV: 'production', VERCEL_ENV: 'production' };

  it('fails loudly (500, error log, critical alert) with only the function filesystem', async () => {
    const pages: unknown[] = [];
    const pager = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        pages.push(JSON.parse(body));
        res.end();
      });
    });
    await new Promise<void>((r) => pager.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(pager.address() as AddressInfo).port}/`;
      const t = await createTestApp(db, { ALERT_WEBHOOK_URL: url }, production);
      const res = await t.app.request('/api/cron/backup', { headers: cron });
      expect(res.status).toBe(500);
      expect(JSON.stringify(await res.json())).toContain('no durable backup destination');
      expect(pages).toEqual([
        expect.objectContaining({ ruleId: 'backup_destination_missing', severity: 'critical' }),
      ]);
    } finally {
      pager.close();
    }
  });

  it('backs up to the bucket when BACKUP_S3_* are set', async () => {
    // The refused run above claimed this minute's backup slot.
    await db.query('delete from tend_ops.job_runs');
    const t = await createTestApp(
      db,
      {
        BACKUP_S3_ENDPOINT: target.endpoint,
        BACKUP_S3_BUCKET: target.bucket,
        BACKUP_S3_ACCESS_KEY_ID: target.accessKeyId,
        BACKUP_S3_SECRET_ACCESS_KEY: target.secretAccessKey,
        BACKUP_S3_PREFIX: 'job/',
      },
      production,
    );
    const res = await t.app.request('/api/cron/backup-incremental', { headers: cron });
    // No full backup yet to build on: the incremental run skips, and the full one lands in the bucket.
    expect(res.status).toBe(200);
    const full = await t.app.request('/api/cron/backup', { headers: cron });
    expect(full.status).toBe(200);
    const keys = await listObjects({ ...target, prefix: 'job/' });
    expect(keys.some((k) => /^tend-full-.*\.bak$/.test(k))).toBe(true);
    expect(keys.some((k) => /^tend-full-.*\.manifest\.json$/.test(k))).toBe(true);
  });
});
