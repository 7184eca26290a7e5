// One backup run: dump, encrypt, write with manifest, prune by retention. The kind decides what is captured:
// `full` (daily database), `incremental` (hourly: tasks changed since the newest backup), `config` (system
// configuration, written only when it changed since the last version).
import type { OpsDb } from '../db';
import { encryptBackup } from './crypto';
import { dumpDatabase, DEFAULT_SCHEMAS } from './dump';
import { ignoreProgress, type OnProgress } from './progress';
import {
  applyRetention,
  backupId,
  listBackups,
  sha256,
  writeBackup,
  type BackupManifest,
} from './store';

interface BackupOptions {
  db: OpsDb;
  dir: string;
  encryptionKey: string;
  now: Date;
  schemas?: readonly string[];
  onProgress?: OnProgress;
}

interface BackupRunResult {
  manifest: BackupManifest | null;
  pruned: string[];
  skippedReason?: string;
}

export async function runBackup(
  kind: 'full' | 'incremental',
  {
    db,
    dir,
    encryptionKey,
    now,
    schemas = DEFAULT_SCHEMAS,
    onProgress = ignoreProgress,
  }: BackupOptions,
): Promise<BackupRunResult> {
  onProgress({ phase: 'start', percent: 0, message: `${kind} backup` });
  let since: Date | null = null;
  if (kind === 'incremental') {
    const previous = (await listBackups(dir)).filter((m) => m.kind !== 'config').at(-1);
    if (!previous)
      return { manifest: null, pruned: [], skippedReason: 'no full backup yet to build on' };
    since = new Date(previous.createdAt);
  }
  const { header, ndjson } = await dumpDatabase(db, { now, schemas, since, onProgress });
  onProgress({ phase: 'encrypt', percent: 92 });
  const encrypted = encryptBackup(ndjson, encryptionKey);
  const manifest = await writeBackup(
    dir,
    {
      id: backupId(kind, now),
      kind,
      createdAt: header.createdAt,
      since: header.since,
      encryption: 'aes-256-gcm+scrypt',
      tables: header.tables,
    },
    encrypted,
  );
  onProgress({ phase: 'retention', percent: 97 });
  const pruned = await applyRetention(dir, now);
  onProgress({ phase: 'done', percent: 100, message: manifest.file });
  return { manifest, pruned };
}

/** Versions the non-secret system configuration; secrets are recorded as set/unset only. */
export async function backupSystemConfig(
  config: Record<string, string | undefined>,
  secretNames: ReadonlySet<string>,
  { dir, encryptionKey, now }: Pick<BackupOptions, 'dir' | 'encryptionKey' | 'now'>,
): Promise<BackupRunResult> {
  const safe = Object.fromEntries(
    Object.entries(config)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, secretNames.has(k) ? '(set)' : v]),
  );
  const text = JSON.stringify(safe);
  const digest = sha256(text);
  const last = (await listBackups(dir)).filter((m) => m.kind === 'config').at(-1);
  if (last?.tables[0]?.sha256 === digest) {
    return {
      manifest: null,
      pruned: [],
      skippedReason: 'configuration unchanged since the last version',
    };
  }
  const manifest = await writeBackup(
    dir,
    {
      id: backupId('config', now),
      kind: 'config',
      createdAt: now.toISOString(),
      since: null,
      encryption: 'aes-256-gcm+scrypt',
      tables: [{ table: 'system_config', rows: Object.keys(safe).length, sha256: digest }],
    },
    encryptBackup(Buffer.from(text), encryptionKey),
  );
  return { manifest, pruned: await applyRetention(dir, now) };
}
