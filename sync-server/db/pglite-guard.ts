// Keeps the server answering when PGlite's data directory turns read-only or full. PostgreSQL cannot write
// its WAL there and PANICs; PGlite's single backend does not survive that, and the next statement sent to it
// loops forever on the main thread (every request, /health included, stops answering). So the guard stands
// between PGlite and everything that calls it: a write probe in the data directory after any failed
// statement (and now and then while all is well) fences PGlite off while the volume refuses writes, and
// callers get DatabaseUnavailableError (503 + Retry-After) without the statement ever reaching PGlite. Once
// the volume takes writes again (probed every second meanwhile), PGlite serves again, unless it had
// reported PANIC or FATAL: then only a new process can open the directory (PostgreSQL's crash recovery
// replays the WAL), and `onUnrecoverable` is told.
import { open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { DatabaseUnavailableError } from './unavailable';

/**
 * Writes, syncs and removes a small file in `dir`; rejects with the file system's error (EROFS, ENOSPC, EIO
 * ...). Asynchronous, so a volume slow to answer holds up the probe and not the requests.
 */
export async function probeWritable(dir: string): Promise<void> {
  const path = join(dir, '.write-probe');
  const file = await open(path, 'w');
  try {
    await file.writeFile('tend write probe\n');
    await file.sync();
  } finally {
    await file.close();
  }
  await unlink(path);
}

export interface PgliteGuardOptions {
  dataDir: string;
  /** Between probes while PGlite is fenced off: how soon a repaired volume serves again. */
  intervalMs?: number;
  /**
   * Between probes while all is well. A failed statement probes at once, so this only keeps the health
   * check's word fresh on an idle server; every probe is a small write and an fsync (a laptop's disk).
   */
  healthyIntervalMs?: number;
  probe?: (dir: string) => Promise<void> | void;
  /** PGlite reported PANIC or FATAL and the volume is writable again: the process should end and restart. */
  onUnrecoverable?: (reason: string) => void;
  onChange?: (fault: string | undefined) => void;
}

export interface PgliteGuard {
  /** Why PGlite is fenced off right now (the volume refuses writes, or PGlite cannot go on); undefined when not. */
  fault(): string | undefined;
  stop(): void;
}

const ROLLBACK = new TextEncoder().encode('ROLLBACK\0');

/**
 * What PGlite sends to end a failed statement: Sync ('S', which ends the extended protocol's error state)
 * and a simple-query ROLLBACK ('Q', length, text). Neither writes anything that must reach the disk.
 */
function endsFailedStatement(message: Uint8Array): boolean {
  if (message[0] === 0x53) return message.length === 5;
  if (message[0] !== 0x51 || message.length !== 5 + ROLLBACK.length) return false;
  return ROLLBACK.every((byte, i) => message[5 + i] === byte);
}

const describe = (error: unknown) =>
  (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error));

/**
 * Fences `pg` off while `dataDir` refuses writes. Every statement PGlite runs (queries, transactions and
 * their ROLLBACK, LISTEN) goes through its execProtocol methods, so the fence sits there.
 */
export function guardPglite(pg: PGlite, options: PgliteGuardOptions): PgliteGuard {
  const { dataDir, intervalMs = 1000, healthyIntervalMs = 60_000, probe = probeWritable } = options;
  let unwritable: string | undefined;
  let broken: string | undefined;
  let told = false;
  let probing: Promise<void> | undefined;

  const fault = () =>
    unwritable
      ? `data directory refuses writes (${unwritable})`
      : broken
        ? `embedded database stopped (${broken}); restart needed`
        : undefined;

  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  /** The next probe after any probe: soon while fenced off, rarely while all is well. */
  const planNext = () => {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(() => void check(), fault() ? intervalMs : healthyIntervalMs);
    timer.unref();
  };

  const probeOnce = async () => {
    const before = fault();
    try {
      await probe(dataDir);
      unwritable = undefined;
    } catch (error) {
      unwritable = describe(error);
    }
    if (fault() !== before) options.onChange?.(fault());
    if (!unwritable && broken && !told) {
      told = true;
      options.onUnrecoverable?.(broken);
    }
    planNext();
  };
  /** One probe at a time: a volume slow to answer is not asked again meanwhile. */
  const check = () => (probing ??= probeOnce().finally(() => (probing = undefined)));

  const assertAvailable = () => {
    const reason = fault();
    if (reason) throw new DatabaseUnavailableError(reason);
  };

  /**
   * After a failed statement: a PANIC or FATAL ends PGlite's backend; any error may be the volume's. This
   * runs inside PGlite's lock, so no other statement reaches PGlite before the verdict.
   */
  const noteFailure = async (error: unknown) => {
    const severity = (error as { severity?: string }).severity;
    if (severity === 'PANIC' || severity === 'FATAL') {
      broken ??= `${severity}: ${error instanceof Error ? error.message : String(error)}`;
    }
    await check();
    if (fault()) throw new DatabaseUnavailableError(fault()!, { cause: error });
  };

  const fence =
    <O, R>(run: (message: Uint8Array, options?: O) => Promise<R>) =>
    async (message: Uint8Array, options?: O): Promise<R> => {
      // A statement that failed when the volume did must still be ended and its transaction rolled
      // back, or PGlite's only backend stays inside them.
      if (broken || !endsFailedStatement(message)) assertAvailable();
      try {
        return await run(message, options);
      } catch (error) {
        await noteFailure(error);
        throw error;
      }
    };

  pg.execProtocolStream = fence(pg.execProtocolStream.bind(pg));
  pg.execProtocol = fence(pg.execProtocol.bind(pg));

  void check();
  return {
    fault,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
