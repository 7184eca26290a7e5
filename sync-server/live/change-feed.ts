// How one instance learns that a user's data changed on any instance: PostgreSQL LISTEN/NOTIFY by default
// (PGlite has it in-process), Redis pub/sub when REDIS_URL is set. Each instance listens once, whatever
// the number of open streams; the hub fans the events out to its own streams.
import type { Db } from '../db/types';

/** "The user's sequence is now `seq`": every commit that changed the user's data announces one. */
export interface ChangeEvent {
  owner: string;
  seq: number;
}

export interface ChangeFeed {
  readonly kind: 'database' | 'redis';
  /**
   * Runs after the commit that changed the user's data, never for a rolled-back write. A lost announcement
   * costs a second or so of latency (clients still pull on focus, online and reconnect), never data.
   */
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

/**
 * LISTEN on the server's own database: PostgreSQL or PGlite. Announcements are sent after the commit,
 * gathered per turn of the event loop into one statement (the highest sequence per owner), one statement
 * at a time. A NOTIFY inside the push's transaction cost a statement per push and, worse, PostgreSQL holds
 * one database-wide lock from a notifying transaction's pre-commit to its end, so every push's commit
 * (and its WAL flush) waited for the one before it.
 */
export function createDatabaseChangeFeed(
  db: Pick<Db, 'listen' | 'query'>,
  { onError }: { onError?: (error: unknown) => void } = {},
): ChangeFeed {
  let unlisten: (() => Promise<void>) | undefined;
  let pending = new Map<string, number>();
  /** The running drain: it takes what is pending, one statement at a time, until nothing is. */
  let sending: Promise<void> | null = null;

  const drain = async () => {
    while (pending.size > 0) {
      const payloads = [...pending].map(([owner, seq]) => encodeChange({ owner, seq }));
      pending = new Map();
      try {
        await db.query(
          'select pg_notify($1, p) from jsonb_array_elements_text($2::text::jsonb) as p',
          [CHANGE_CHANNEL, JSON.stringify(payloads)],
        );
      } catch (error) {
        onError?.(error);
      }
    }
    sending = null;
  };

  return {
    kind: 'database',
    announceCommitted(event) {
      const owner = event.owner.toLowerCase();
      if ((pending.get(owner) ?? -1) < event.seq) pending.set(owner, event.seq);
      // The rest of this turn's commits join the same statement.
      sending ??= new Promise((resolve) => setImmediate(resolve)).then(drain);
    },
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
      await sending;
      await unlisten?.().catch(() => undefined);
      unlisten = undefined;
    },
  };
}
