// Backup and restore for real: a populated database is backed up, restored into a freshly migrated one and
// compared table by table; a tampered or wrongly keyed file is refused before anything is written.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/types';
import { recordAudit } from '../admin/audit-log';
import { onEachDatabase, seedUsersAndTasks, type OpenDb } from '../test-support/databases';
import { readTableRows } from './dump';
import { readCatalog, qualified } from './catalog';
import type { ProgressEvent } from './progress';
import { RestoreRefusedError, restoreBackup } from './restore';
import { runBackup } from './run-backup';
import { ChecksumMismatchError, listBackups } from './store';
import { BackupDecryptError } from './crypto';

const KEY = 'test-encryption-key-0123456789abcdef';
const NOW = new Date('2026-11-26T03:00:00Z');

async function snapshot(db: Db) {
  const tables = (await readCatalog(db, ['auth', 'tend_auth', 'public', 'tend_ops'])).filter(
    (t) => t.schema !== 'tend_ops' || t.name === 'audit_log',
  );
  const out: Record<string, string[]> = {};
  await db.transaction(async (tx) => {
    await tx.query(`set local timezone = 'UTC'`);
    for (const t of tables) out[qualified(t)] = (await readTableRows(tx, t)).lines;
  });
  return out;
}

function suite(name: string, open: OpenDb) {
  describe(`backup and restore on ${name}`, () => {
    let source: { db: Db; close(): Promise<void> };
    let dir: string;
    beforeAll(async () => {
      source = await open();
      const [admin, user] = await seedUsersAndTasks(source.db, { users: 3, tasksPerUser: 7 });
      const actor = {
        id: admin,
        email: undefined,
        staffRole: 'admin' as const,
        claims: { sub: admin, role: 'authenticated' },
      };
      await recordAudit(source.db, { actor, action: 'user.read', subject: user, requestId: 'r-1' });
      await recordAudit(source.db, { actor, action: 'user.disable', subject: user });
      dir = await mkdtemp(join(tmpdir(), 'tend-backup-'));
    });
    afterAll(async () => {
      await source?.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('restores a full backup into a fresh database identically, in priority order, with progress', async () => {
      const progress: ProgressEvent[] = [];
      const { manifest } = await runBackup('full', {
        db: source.db,
        dir,
        encryptionKey: KEY,
        now: NOW,
        onProgress: (e) => progress.push(e),
      });
      expect(manifest).not.toBeNull();
      expect(progress.at(-1)).toMatchObject({ phase: 'done', percent: 100 });
      const tasksDigest = manifest!.tables.find((t) => t.table === 'public.tasks');
      expect(tasksDigest?.rows).toBe(21);
      // Encrypted: no task title is readable in the file.
      const raw = await readFile(join(dir, manifest!.file));
      expect(raw.includes(Buffer.from('Task 0 of user 0'))).toBe(false);

      const target = await open();
      try {
        const restoreProgress: ProgressEvent[] = [];
        const report = await restoreBackup(target.db, join(dir, manifest!.file), {
          encryptionKey: KEY,
          onProgress: (e) => restoreProgress.push(e),
        });
        expect(report.ok).toBe(true);
        expect(report.validation.orphans).toEqual([]);
        expect(report.validation.tables.every((t) => t.digestMatches)).toBe(true);
        const groups = report.steps.map((s) => s.group);
        const firstIndex = (g: string) => groups.indexOf(g as never);
        expect(firstIndex('authentication_system')).toBe(0);
        expect(firstIndex('active_tasks')).toBeLessThan(firstIndex('completed_tasks'));
        expect(firstIndex('completed_tasks')).toBeLessThan(firstIndex('analytics_data'));
        const taskSteps = report.steps.filter((s) => s.table === 'public.tasks');
        expect(taskSteps.map((s) => [s.group, s.rows])).toEqual([
          ['active_tasks', 12],
          ['completed_tasks', 9],
        ]);
        expect(restoreProgress.at(-1)?.percent).toBe(100);
        const restored = await snapshot(target.db);
        expect(restored).toEqual(await snapshot(source.db));
        // The staff audit trail (operations schema) comes back with its identities and details.
        expect(restored['tend_ops.audit_log']).toHaveLength(2);
        expect(report.steps).toContainEqual(
          expect.objectContaining({
            group: 'analytics_data',
            table: 'tend_ops.audit_log',
            rows: 2,
          }),
        );
        const [stats] = await target.db.query<{ n: number }>(
          'select count(*)::int as n from public.task_statistics',
        );
        expect(stats.n).toBe(3);
      } finally {
        await target.close();
      }
    });

    it('refuses to restore over a database that already has data', async () => {
      const [manifest] = await listBackups(dir);
      await expect(
        restoreBackup(source.db, join(dir, manifest.file), { encryptionKey: KEY }),
      ).rejects.toThrow(RestoreRefusedError);
    });

    it('refuses a tampered file and a wrong key before writing anything', async () => {
      const [manifest] = await listBackups(dir);
      const path = join(dir, manifest.file);
      const original = await readFile(path);
      const target = await open();
      try {
        const tampered = Buffer.from(original);
        tampered[tampered.length - 40] ^= 0x01;
        await writeFile(path, tampered);
        await expect(restoreBackup(target.db, path, { encryptionKey: KEY })).rejects.toThrow(
          ChecksumMismatchError,
        );
        await writeFile(path, original);
        await expect(
          restoreBackup(target.db, path, { encryptionKey: 'another-key-0123456789abcdef' }),
        ).rejects.toThrow(BackupDecryptError);
        const [{ n }] = await target.db.query<{ n: number }>(
          'select count(*)::int as n from auth.users',
        );
        expect(n).toBe(0);
      } finally {
        await writeFile(path, original);
        await target.close();
      }
    });

    it('takes an incremental backup of the tasks and comments changed since the last one and applies it on top', async () => {
      const [full] = await listBackups(dir);
      const later = new Date(NOW.getTime() + 3600_000);
      await source.db.query(
        `update public.tasks set title = 'edited after the backup', updated_at = $1, version = 100
          where id = '10000000-0000-4000-8000-000000000001'`,
        [later.toISOString()],
      );
      // A comment posted after the full backup travels in the increment beside the task.
      await source.db.query(
        `insert into public.comments (owner, id, task_id, body, posted_at, clock, created_at, updated_at, version)
         values ('00000000-0000-4000-8000-000000000001', '50000000-0000-4000-8000-000000000001',
                 '10000000-0000-4000-8000-000000000001', 'posted after the backup', $1,
                 '{"text":"2026-11-26T04:00:00.000Z-0000-0123456789ABCDEF"}', $1, $1, 99)`,
        [later.toISOString()],
      );
      await source.db.query(
        `update public.sync_state set seq = 100 where owner = '00000000-0000-4000-8000-000000000001'`,
      );
      const { manifest } = await runBackup('incremental', {
        db: source.db,
        dir,
        encryptionKey: KEY,
        now: new Date(later.getTime() + 60_000),
      });
      expect(manifest?.kind).toBe('incremental');
      expect(manifest?.tables.find((t) => t.table === 'public.tasks')?.rows).toBe(1);
      expect(manifest?.tables.find((t) => t.table === 'public.comments')?.rows).toBe(1);

      const target = await open();
      try {
        expect(
          (await restoreBackup(target.db, join(dir, full.file), { encryptionKey: KEY })).ok,
        ).toBe(true);
        const report = await restoreBackup(target.db, join(dir, manifest!.file), {
          encryptionKey: KEY,
        });
        expect(report.ok).toBe(true);
        const after = await snapshot(target.db);
        const expected = await snapshot(source.db);
        expect(after['public.tasks']).toEqual(expected['public.tasks']);
        expect(after['public.comments']).toEqual(expected['public.comments']);
        expect(after['public.comments']).toHaveLength(1);
        expect(after['public.sync_state']).toEqual(expected['public.sync_state']);
      } finally {
        await target.close();
      }
    });
  });
}

await onEachDatabase('backup', suite);
