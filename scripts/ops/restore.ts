// Restore from the command line into the configured database, in the operations specification's priority order, with checksum
// verification and integrity checks; prints the restore report and exits 1 if validation failed.
//   npm run ops:restore -- <path/to/tend-full-....bak> [more incremental .bak files in order] [--replace]
//   npm run ops:restore -- --list-s3                      backups in the BACKUP_S3_* bucket
//   npm run ops:restore -- --from-s3 [latest|<id or key>] [--replace]
// From the bucket, `latest` (the default) is the newest full backup and the increments after it; they are
// downloaded into BACKUP_DIR/restore first. The target is migrated first; without --replace it must be empty.
import { join } from 'node:path';
import { loadConfig } from '../../sync-server/config';
import { migrate } from '../../sync-server/db/migrate';
import { openDb } from '../../sync-server/db/open';
import { fetchOffsiteBackups } from '../../sync-server/ops/backup/offsite-restore';
import { listOffsiteBackups } from '../../sync-server/ops/backup/offsite';
import type { ProgressEvent } from '../../sync-server/ops/backup/progress';
import { restoreBackup } from '../../sync-server/ops/backup/restore';
import { s3TargetFromEnv } from '../../sync-server/ops/backup/s3';
import { ensureOpsSchema } from '../../sync-server/ops/schema';
import { readOpsSettings } from '../../sync-server/ops/settings';
import { resolveSecrets } from '../../sync-server/secrets';

const USAGE = `usage: npm run ops:restore -- <backup.bak> [more incremental .bak files in order] [--replace]
       npm run ops:restore -- --list-s3
       npm run ops:restore -- --from-s3 [latest|<backup id or key>] [--replace]`;

const args = process.argv.slice(2);
const fromS3 = args.indexOf('--from-s3');
const listS3 = args.includes('--list-s3');
const s3Choice = fromS3 >= 0 && args[fromS3 + 1] && !args[fromS3 + 1].startsWith('--');
const files = args.filter((a, i) => !a.startsWith('--') && !(s3Choice && i === fromS3 + 1));
const fromBucket = fromS3 >= 0 || listS3;
if (fromBucket ? files.length > 0 : files.length === 0) {
  console.error(USAGE);
  process.exit(2);
}

const printProgress = (e: ProgressEvent) =>
  process.stderr.write(
    `${String(e.percent).padStart(3)}% ${e.phase}${e.table ? ` ${e.table}` : ''}${e.message ? ` ${e.message}` : ''}\n`,
  );

const config = loadConfig();
const target = fromBucket ? s3TargetFromEnv(process.env) : null;
if (fromBucket && !target) {
  console.error(
    'restore refused: set BACKUP_S3_ENDPOINT, BACKUP_S3_BUCKET, BACKUP_S3_ACCESS_KEY_ID and BACKUP_S3_SECRET_ACCESS_KEY',
  );
  process.exit(2);
}
if (listS3) {
  for (const m of await listOffsiteBackups(target!)) {
    console.log(`${m.id}\t${m.kind}\t${m.createdAt}\t${m.bytes} bytes`);
  }
  process.exit(0);
}

const secrets = resolveSecrets(config);
const db = await openDb(config);
let ok = true;
try {
  const paths = target
    ? await fetchOffsiteBackups(
        target,
        s3Choice ? args[fromS3 + 1] : 'latest',
        join(readOpsSettings(process.env, config).backupDir, 'restore'),
        { onProgress: printProgress },
      )
    : files;
  await migrate(db);
  await ensureOpsSchema(db);
  for (const [index, file] of paths.entries()) {
    const report = await restoreBackup(db, file, {
      encryptionKey: secrets.encryptionKey,
      replace: index === 0 && args.includes('--replace'),
      onProgress: printProgress,
    });
    console.log(JSON.stringify(report, null, 2));
    ok &&= report.ok;
  }
} catch (error) {
  console.error(`restore refused: ${error instanceof Error ? error.message : String(error)}`);
  ok = false;
} finally {
  await db.close();
}
process.exit(ok ? 0 : 1);
