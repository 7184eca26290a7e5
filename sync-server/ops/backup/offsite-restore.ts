// Restore from the bucket: which backups a restore needs (the newest full backup and the hourly increments taken
// after it, or one backup named by id or key), fetched into a local directory so restoreBackup verifies and
// restores them like files on disk.
import type { OnProgress } from './progress';
import { ignoreProgress } from './progress';
import { downloadBackup, listOffsiteBackups } from './offsite';
import type { S3Target } from './s3';
import type { BackupManifest } from './store';

class OffsiteChoiceError extends Error {}

/** `latest`, a backup id, or its key in the bucket (`<id>.bak` or `<id>.manifest.json`). */
function chooseOffsiteBackups(
  manifests: readonly BackupManifest[],
  choice: string,
): BackupManifest[] {
  const data = manifests.filter((m) => m.kind !== 'config');
  if (choice === 'latest') {
    const full = data.filter((m) => m.kind === 'full').at(-1);
    if (!full) throw new OffsiteChoiceError('the bucket holds no full backup');
    // Increments carry the tasks changed since the newest backup before them: apply them oldest first.
    return [full, ...data.filter((m) => m.kind === 'incremental' && m.createdAt > full.createdAt)];
  }
  const id = choice.replace(/\.(bak|manifest\.json)$/, '');
  const named = manifests.find((m) => m.id === id);
  if (!named) throw new OffsiteChoiceError(`the bucket holds no backup ${choice}`);
  if (named.kind === 'config')
    throw new OffsiteChoiceError(
      'configuration versions are restored by hand (docs/ops/backups.md)',
    );
  return [named];
}

/** Downloads the chosen backups into `dir`; returns their local paths in restore order. */
export async function fetchOffsiteBackups(
  target: S3Target,
  choice: string,
  dir: string,
  {
    onProgress = ignoreProgress,
    fetchImpl = fetch,
  }: { onProgress?: OnProgress; fetchImpl?: typeof fetch } = {},
): Promise<string[]> {
  onProgress({ phase: 'list', percent: 0, message: `${target.bucket}/${target.prefix ?? ''}` });
  const chosen = chooseOffsiteBackups(await listOffsiteBackups(target, fetchImpl), choice);
  const paths: string[] = [];
  for (const [index, manifest] of chosen.entries()) {
    paths.push(await downloadBackup(target, manifest.id, dir, fetchImpl));
    onProgress({
      phase: 'download',
      message: `${manifest.file} (${manifest.bytes} bytes)`,
      percent: Math.round(((index + 1) / chosen.length) * 100),
    });
  }
  return paths;
}
