// Backup from the command line, against the configured database (DATABASE_URL, or PGlite in DATA_DIR):
//   npm run ops:backup               full database backup
//   npm run ops:backup -- incremental tasks changed since the last backup
// Prints progress to stderr and the manifest as JSON to stdout.
import { loadConfig } from '../../sync-server/config';
import { migrate } from '../../sync-server/db/migrate';
import { openDb } from '../../sync-server/db/open';
import { readOpsSettings } from '../../sync-server/ops/settings';
import { runBackup } from '../../sync-server/ops/backup/run-backup';
import { resolveSecrets } from '../../sync-server/secrets';

const kind = process.argv[2] === 'incremental' ? 'incremental' : 'full';
const config = loadConfig();
const secrets = resolveSecrets(config);
const db = await openDb(config);
try {
  await migrate(db);
  const result = await runBackup(kind, {
    db,
    dir: readOpsSettings(process.env, config).backupDir,
    encryptionKey: secrets.encryptionKey,
    now: new Date(),
    onProgress: (e) =>
      process.stderr.write(
        `${String(e.percent).padStart(3)}% ${e.phase}${e.table ? ` ${e.table}` : ''}\n`,
      ),
  });
  console.log(JSON.stringify(result, null, 2));
} finally {
  await db.close();
}
