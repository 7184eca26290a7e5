// How one instance learns that a user's data changed on any instance: PostgreSQL LISTEN/NOTIFY by default
// (PGlite has it in-process), Redis pub/sub when REDIS_URL is set. Each instance listens once, whatever
// the number of open streams; the hub fans the events out to its own streams.
import type { Db, Queryable } from '../db/types';

/** "The user's sequence is now `seq`": every commit that changed the user's data announces one. */
export interface ChangeEvent {
  owner: string;
  seq: number;
}

export interface ChangeFeed {
  readonly kind: 'database' | 'redis';
  /**
   * Runs inside the writing transaction once the user's new sequence is known. PostgreSQL queues the
   * NOTIFY and delivers it on commit (never for a rolled-back push), so nothing is announced early.
   */
  announceInTransaction(tx: Queryable, seq: number): Promise<void>;
  /** Runs after the commit (Redis has no transactions: publishing earlier would announce too soon). */
  announceCommitted(event: ChangeEvent): void;
  /**
   * Delivers every instance's announcements. `onGap` runs when the listening connection came back after
   * a break: events may have been missed. Resolves once listening; rejects when listening is impossible.
   */
  listen(onChange: (event: ChangeEvent) => void, onGap: () => void): Promise<void>;
  close(): Promise<void>;
}

export const CHANGE_CHANNEL = 'tend_sync_changes';

/** `owner seq`: the owner is a UUID and the sequence a number, so a space cannot be ambiguous. */
export function encodeChange(event: ChangeEvent): string {
  return `${event.owner} ${event.seq}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The payload back into an event; null for anything else on the channel (never trusted blindly). */
export function decodeChange(payload: string): ChangeEvent | null {
  const [owner, seqText, ...rest] = payload.split(' ');
  const seq = Number(seqText);
  if (rest.length > 0 || !UUID.test(owner ?? '') || !Number.isSafeInteger(seq) || seq < 0)
    return null;
  return { owner: owner.toLowerCase(), seq };
}

/** LISTEN on the server's own database: PostgreSQL or PGlite. */
export function createDatabaseChangeFeed(db: Pick<Db, 'listen'>): ChangeFeed {
  let unlisten: (() => Promise<void>) | undefined;
  return {
    kind: 'database',
    async announceInTransaction(tx, seq) {
      // auth.uid() is the pusher: the owner comes from the verified token, not from the request body.
      await tx.query(`select pg_notify($1, auth.uid()::text || ' ' || $2::text)`, [
        CHANGE_CHANNEL,
        String(seq),
      ]);
    },
    announceCommitted() {},
    async listen(onChange, onGap) {
      let listening = false;
      unlisten = await db.listen(
        CHANGE_CHANNEL,
        (payload) => {
          const event = decodeChange(payload);
          if (event) onChange(event);
        },
        () => {
          if (listening) onGap();
          listening = true;
        },
      );
    },
    async close() {
      await unlisten?.().catch(() => undefined);
      unlisten = undefined;
    },
  };
}
