// A database that cannot answer right now (stopped, restarting, unreachable, over its timeout, its disk
// read-only or full) is a dependency outage: the server answers 503 with Retry-After, the client retries, and
// the error-rate alert does not count it as the server's own failure.

export class DatabaseUnavailableError extends Error {
  readonly code = 'database_unavailable';
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Database unavailable: ${reason}`, options);
    this.name = 'DatabaseUnavailableError';
  }
}

/** postgres.js's own connection errors and the socket errors Node reports while connecting or writing. */
const CLIENT_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** SQLSTATEs that say "not now" rather than "this request is wrong". */
const SERVER_CODES = new Set([
  '53100', // disk_full
  '53200', // out_of_memory
  '53300', // too_many_connections
  '57014', // query_canceled: statement_timeout
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '58030', // io_error
  '25006', // read_only_sql_transaction: a standby or a failover in progress
]);

/** File-system errors of an embedded database whose data directory became read-only or full. */
const FILE_CODES = new Set(['EROFS', 'ENOSPC', 'EACCES', 'EPERM', 'EDQUOT', 'EIO']);

export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return false;
  // Class 08 is "connection exception" as a whole.
  return (
    CLIENT_CODES.has(code) || SERVER_CODES.has(code) || FILE_CODES.has(code) || /^08/.test(code)
  );
}

/** The same error, as a DatabaseUnavailableError when it is an outage. */
function toUnavailable(error: unknown): unknown {
  if (error instanceof DatabaseUnavailableError || !isDatabaseUnavailable(error)) return error;
  const code = (error as { code: string }).code;
  return new DatabaseUnavailableError(code, { cause: error });
}

/** Rejects with DatabaseUnavailableError('timeout') when `work` takes longer than `ms`. */
export function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  if (!Number.isFinite(ms) || ms <= 0) return work;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new DatabaseUnavailableError(`no answer within ${ms} ms`)),
      ms,
    );
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(toUnavailable(error));
      },
    );
  });
}
