// The self-hosted entry point (`npm start`): configuration, secrets, database and migrations, then the app with
// its operations on a Node HTTP server.
import { serve } from '@hono/node-server';
import { loadConfig } from './config';
import { migrate } from './db/migrate';
import { openDb } from './db/open';
import { autovacuumIsOff, keepStatistics } from './db/statistics';
import { startEventLoopWatchdog } from './event-loop-watchdog';
import { createLogger } from './logging/logger';
import { createHostedApp } from './hosted-app';
import { opsOf } from './ops';
import { resolveSecrets } from './secrets';

async function main(): Promise<void> {
  let config;
  let secrets;
  try {
    config = loadConfig();
    secrets = resolveSecrets(config);
  } catch (error) {
    console.error(`tend-sync: ${(error as Error).message}`);
    process.exit(1);
  }
  // The resolved secrets join the scrubber's list, generated ones included.
  const logger = createLogger({ level: config.logLevel, secrets: Object.values(secrets) });
  const db = await openDb(config, {
    onChange: (fault) =>
      fault
        ? logger.error({ fault }, 'embedded database fenced off: requests get 503')
        : logger.info('embedded database serves again'),
    onUnrecoverable: (reason) => {
      // The volume is writable again, but PGlite stopped: a new process replays the WAL and serves again.
      logger.fatal(
        { reason },
        'embedded database cannot go on: exiting so the supervisor restarts it',
      );
      process.exit(1);
    },
  });
  const applied = await migrate(db);
  if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  // PGlite runs on this thread: a statement stuck in it would stop every request with it. Watched from
  // here on, as a long migration is no reason to restart.
  if (db.kind === 'pglite') startEventLoopWatchdog({ limitMs: config.eventLoopStallLimitMs });
  if (await autovacuumIsOff(db)) {
    logger.warn(
      'PostgreSQL runs with autovacuum off: this server analyses the sync tables as they grow, but nothing vacuums them except the daily maintenance; turn autovacuum on',
    );
    keepStatistics(db, {
      onAnalyzed: (tables) => logger.info({ tables }, 'planner statistics refreshed'),
      onError: (error) => logger.warn({ err: error }, 'planner statistics refresh failed'),
    });
  }

  const { app, ctx } = createHostedApp({ config, db, logger, secrets });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info(
      {
        port: info.port,
        database: db.kind,
        dataDir: db.kind === 'pglite' ? config.dataDir : undefined,
      },
      `Tend sync server on http://localhost:${info.port}`,
    );
  });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    // Open event streams would hold server.close() until the timeout: end them first.
    void ctx.live?.close();
    server.close(() => {
      // The last second of request and AI counts goes to shared state before the database closes.
      const flushed = opsOf(app)?.runtime.flush() ?? Promise.resolve();
      void flushed.then(() => db.close()).finally(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

void main().catch((error: unknown) => {
  console.error('tend-sync: failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
