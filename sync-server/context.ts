// What every route and middleware receives: configuration, database, logger, and injected time and ids.
import type { Config } from './config';
import type { Db } from './db/types';
import type { Logger } from './logger';
import type { Secrets } from './secrets';

export interface AppContext {
  config: Config;
  db: Db;
  logger: Logger;
  secrets: Secrets;
  /** Wall clock in ms; injected so tests control time. */
  now: () => number;
  /** New UUIDs (tasks, users, sessions); injected so tests can make them predictable. */
  newId: () => string;
  /** Process start, for uptime. */
  startedAt: number;
}
