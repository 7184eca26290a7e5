// Restore from the command line into the configured database, in the operations specification's priority order, with checksum
// verification and integrity checks; prints the restore report and exits 1 if validation failed.
//   npm run ops:restore -- <path/to/tend-full-....bak> [--replace]
// The target is migrated first; without --replace it must be empty (restore into a fresh database).
import { loadConfig } from '../../sync-server/config';
import { migrate } from '../../sync-server/db/migrate';
import { openDb } from '../../sync-server/db/open';
import { restoreBackup } from '../../sync-server/ops/backup/restore';
import { ensureOpsSchema } from '../../sync-server/ops/schema';
import { resolveSecrets } from '../../sync-server/secrets';

const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith('--'));
if (files.length === 0) {
  console.error(
    'usage: npm run ops:restore -- <backup.bak> [more incremental .bak files in order] [--replace]',
  );
  process.exit(2);
}
const config = loadConfig();
const secrets = resolveSecrets(config);
const db = await openDb(config);
let ok = true;
try {
  await migrate(db);
  await ensureOpsSchema(db);
  for (const [index, file] of files.entries()) {
    const report = await restoreBackup(db, file, {
      encryptionKey: secrets.encryptionKey,
      replace: index === 0 && args.includes('--replace'),
      onProgress: (e) =>
        process.stderr.write(
          `${String(e.percent).padStart(3)}% ${e.phase}${e.table ? ` ${e.table}` : ''}\n`,
        ),
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
