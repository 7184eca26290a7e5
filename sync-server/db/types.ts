// One database interface over PGlite (embedded) and PostgreSQL (postgres.js): plain parameterised SQL.

export type Row = Record<string, unknown>;

export interface Queryable {
  /** Runs one parameterised statement ($1, $2 ...) and returns its rows. */
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * A transaction's last statement, when the driver can pipeline it: the COMMIT is sent right behind it
   * instead of after its answer, a round trip less per transaction. Its rows arrive once the transaction
   * has ended (already committed: too late to change it); if it fails, the transaction rolls back and
   * rejects with its error (and so does the promise, which needs no handler). Absent: run it with `query`.
   */
  queryBeforeCommit?<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** JWT claims as Supabase sets them for a request (`request.jwt.claims`). */
export interface Claims {
  sub: string;
  role: string;
  aud?: string | string[];
  email?: string;
  app_metadata?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** A transaction as the connecting (privileged) role: migrations, auth tables, maintenance. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * A transaction as role `authenticated` with the caller's claims, as Supabase runs PostgREST requests:
   * row-level security applies even if a query forgets its WHERE clause.
   */
  asUser<T>(claims: Claims, fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * The same database with another deadline (0: none). Requests get the configured one (DB_TIMEOUT_MS), so
   * an outage answers 503 instead of hanging; migrations, backups and maintenance may run longer.
   */
  withTimeout(ms: number): Db;
  /**
   * LISTENs on a channel over one connection for the whole process (PostgreSQL: a dedicated connection that
   * reconnects by itself; PGlite: its only one). `onListening` runs each time the LISTEN is (re)established,
   * so a caller can tell that notifications may have been missed in between. Resolves to the UNLISTEN.
   */
  listen(
    channel: string,
    onNotify: (payload: string) => void,
    onListening?: () => void,
  ): Promise<() => Promise<void>>;
  /**
   * Why the database's own storage refuses writes right now (PGlite: its data directory read-only or full,
   * or the embedded database stopped by it), undefined while it takes them. Absent where the storage is
   * another server's (PostgreSQL).
   */
  storageFault?: () => string | undefined;
  close(): Promise<void>;
}

/**
 * Becomes the caller for the rest of the transaction, as Supabase's PostgREST does: the role, the claims, and
 * the subject on its own in `request.jwt.claim.sub`, which `auth.uid()` reads first; every row-level
 * security check would otherwise parse the whole claims JSON again. Its parameters: `asUserParams`.
 */
export const AS_USER_SQL =
  "select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true), " +
  "set_config('request.jwt.claim.sub', $2, true)";

export function asUserParams(claims: Claims): [string, string] {
  return [JSON.stringify(claims), claims.sub];
}
