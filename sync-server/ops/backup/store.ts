// Backup files on disk: `<id>.bak` (encrypted dump) beside `<id>.manifest.json` (what it holds and its SHA-256),
// listing, checksum verification and the operations specification's retention (daily 30 days, hourly incremental 7 days, system
// config versions 90 days; the newest of each kind is always kept).
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TableDigest } from './dump';

type BackupKind = 'full' | 'incremental' | 'config';

export interface BackupManifest {
  id: string;
  kind: BackupKind;
  createdAt: string;
  since: string | null;
  file: string;
  bytes: number;
  sha256: string;
  encryption: 'aes-256-gcm+scrypt';
  tables: TableDigest[];
}

const RETENTION_DAYS: Record<BackupKind, number> = { full: 30, incremental: 7, config: 90 };

export const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

export function backupId(kind: BackupKind, at: Date): string {
  return `tend-${kind}-${at.toISOString().replace(/[:.]/g, '-')}`;
}

export async function writeBackup(
  dir: string,
  manifest: Omit<BackupManifest, 'file' | 'bytes' | 'sha256'>,
  encrypted: Buffer,
): Promise<BackupManifest> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const full: BackupManifest = {
    ...manifest,
    file: `${manifest.id}.bak`,
    bytes: encrypted.length,
    sha256: sha256(encrypted),
  };
  await writeFile(join(dir, full.file), encrypted, { mode: 0o600 });
  // The manifest is written last: a manifest on disk means its file is complete.
  await writeFile(join(dir, `${manifest.id}.manifest.json`), JSON.stringify(full, null, 2), {
    mode: 0o600,
  });
  return full;
}

export async function listBackups(dir: string): Promise<BackupManifest[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const manifests = await Promise.all(
    names
      .filter((n) => n.endsWith('.manifest.json'))
      .map(async (n) => JSON.parse(await readFile(join(dir, n), 'utf8')) as BackupManifest),
  );
  return manifests.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export class ChecksumMismatchError extends Error {}

/** Reads a backup file and refuses it unless its SHA-256 matches the manifest written beside it. */
export async function readVerifiedBackup(
  path: string,
): Promise<{ manifest: BackupManifest; encrypted: Buffer }> {
  const manifestPath = path.replace(/\.bak$/, '.manifest.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as BackupManifest;
  const encrypted = await readFile(path);
  const actual = sha256(encrypted);
  if (actual !== manifest.sha256) {
    throw new ChecksumMismatchError(
      `checksum mismatch for ${manifest.file}: expected ${manifest.sha256}, got ${actual}`,
    );
  }
  return { manifest, encrypted };
}

/** Which backups the retention policy removes at `now`; pure so the policy is tested without a clock. */
export function expiredBackups(manifests: readonly BackupManifest[], now: Date): BackupManifest[] {
  const newest = new Map<BackupKind, string>();
  for (const m of manifests)
    if ((newest.get(m.kind) ?? '') < m.createdAt) newest.set(m.kind, m.createdAt);
  return manifests.filter(
    (m) =>
      m.createdAt !== newest.get(m.kind) &&
      now.getTime() - Date.parse(m.createdAt) > RETENTION_DAYS[m.kind] * 24 * 3600_000,
  );
}

export async function applyRetention(dir: string, now: Date): Promise<string[]> {
  const expired = expiredBackups(await listBackups(dir), now);
  for (const m of expired) {
    await rm(join(dir, `${m.id}.manifest.json`), { force: true });
    await rm(join(dir, m.file), { force: true });
  }
  return expired.map((m) => m.id);
}
