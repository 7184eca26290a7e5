// The off-site backup store in an S3-compatible bucket: upload a finished backup (file, then manifest, as on
// disk), list what the bucket holds, apply the operations specification's retention there, and download a
// backup into a directory so restoreBackup verifies and restores it like a local one.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deleteObject, getObject, listObjects, putObject, type S3Target } from './s3';
import { expiredBackups, type BackupManifest } from './store';

const manifestKey = (id: string) => `${id}.manifest.json`;

export async function uploadBackup(
  target: S3Target,
  dir: string,
  manifest: BackupManifest,
  fetchImpl: typeof fetch = fetch,
): Promise<string[]> {
  // The manifest goes last: a manifest in the bucket means its file is complete.
  const files = [manifest.file, manifestKey(manifest.id)];
  for (const file of files) {
    await putObject(target, file, await readFile(join(dir, file)), { fetchImpl });
  }
  return files;
}

export async function listOffsiteBackups(
  target: S3Target,
  fetchImpl: typeof fetch = fetch,
): Promise<BackupManifest[]> {
  const keys = (await listObjects(target, { fetchImpl })).filter((k) =>
    k.endsWith('.manifest.json'),
  );
  const manifests = await Promise.all(
    keys.map(
      async (k) =>
        JSON.parse((await getObject(target, k, { fetchImpl })).toString('utf8')) as BackupManifest,
    ),
  );
  return manifests.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Deletes the backups the retention policy expires at `now` from the bucket; returns their ids. */
export async function applyOffsiteRetention(
  target: S3Target,
  now: Date,
  fetchImpl: typeof fetch = fetch,
): Promise<string[]> {
  const expired = expiredBackups(await listOffsiteBackups(target, fetchImpl), now);
  for (const m of expired) {
    // Manifest first: a file without its manifest is never listed as a backup.
    await deleteObject(target, manifestKey(m.id), { fetchImpl });
    await deleteObject(target, m.file, { fetchImpl });
  }
  return expired.map((m) => m.id);
}

/** Downloads one backup and its manifest into `dir`; returns the local path of the backup file. */
export async function downloadBackup(
  target: S3Target,
  id: string,
  dir: string,
  fetchImpl: typeof fetch = fetch,
): Promise<string> {
  const manifestBody = await getObject(target, manifestKey(id), { fetchImpl });
  const manifest = JSON.parse(manifestBody.toString('utf8')) as BackupManifest;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(join(dir, manifest.file), await getObject(target, manifest.file, { fetchImpl }), {
    mode: 0o600,
  });
  await writeFile(join(dir, manifestKey(id)), manifestBody, { mode: 0o600 });
  return join(dir, manifest.file);
}
