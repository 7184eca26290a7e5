// The guard fences PGlite off while its directory refuses writes, and lets it serve again once the
// directory takes them, or asks for a restart when PGlite stopped. A real PGlite (in memory: its own
// durability is pglite-fsync.test.ts) and a real directory, whose removal stands for a volume that refuses
// writes (the probe gets ENOENT as it would get EROFS or ENOSPC).
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardPglite, probeWritable, type PgliteGuard } from './pglite-guard';
import { DatabaseUnavailableError } from './unavailable';

const waitFor = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
};

describe('guardPglite', () => {
  const parent = mkdtempSync(join(tmpdir(), 'tend-pglite-guard-'));
  const dataDir = join(parent, 'data');
  let pg: PGlite;
  let guard: PgliteGuard;
  let statements = 0;
  const unrecoverable: string[] = [];
  /** The next statement that reaches PGlite fails as PostgreSQL's PANIC does (none can be raised in memory). */
  let panicNext = false;

  beforeAll(async () => {
    mkdirSync(dataDir);
    pg = await PGlite.create();
    await pg.exec('create table notes (body text)');
    const run = pg.execProtocolStream.bind(pg);
    pg.execProtocolStream = (message, options) => {
      // Sync ('S') only ends a statement's protocol exchange; it may pass the fence.
      if (message[0] !== 0x53) statements++;
      if (panicNext) {
        panicNext = false;
        return Promise.reject(
          Object.assign(new Error('could not write to log file'), { severity: 'PANIC' }),
        );
      }
      return run(message, options);
    };
    guard = guardPglite(pg, {
      dataDir,
      intervalMs: 20,
      healthyIntervalMs: 20,
      onUnrecoverable: (reason) => unrecoverable.push(reason),
    });
  }, 60_000);

  afterAll(async () => {
    guard?.stop();
    rmSync(parent, { recursive: true, force: true });
  });

  it('probes by writing and syncing a file, and leaves nothing behind', async () => {
    // A directory of its own: the guard's probes come and go in dataDir every 20 ms.
    const probed = join(parent, 'probed');
    mkdirSync(probed);
    await probeWritable(probed);
    expect(readdirSync(probed)).toEqual([]);
    await expect(probeWritable(join(parent, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses statements without reaching PGlite while the directory refuses writes, then serves again', async () => {
    expect(guard.fault()).toBeUndefined();
    rmSync(dataDir, { recursive: true });
    await waitFor(() => guard.fault() !== undefined);
    expect(guard.fault()).toMatch(/refuses writes \(ENOENT\)/);

    const before = statements;
    await expect(pg.query('select 1')).rejects.toBeInstanceOf(DatabaseUnavailableError);
    await expect(pg.transaction((tx) => tx.query('select 1'))).rejects.toBeInstanceOf(
      DatabaseUnavailableError,
    );
    expect(statements).toBe(before);

    mkdirSync(dataDir);
    await waitFor(() => guard.fault() === undefined);
    expect((await pg.query<{ n: number }>('select 1 as n')).rows).toEqual([{ n: 1 }]);
    expect(unrecoverable).toEqual([]);
  });

  it('checks the directory after a failed statement, and still lets the transaction roll back', async () => {
    await expect(
      pg.transaction(async (tx) => {
        await tx.query("insert into notes values ('kept out')");
        rmSync(dataDir, { recursive: true });
        await tx.query('select 1 / 0');
      }),
    ).rejects.toBeInstanceOf(DatabaseUnavailableError);
    expect(guard.fault()).toMatch(/ENOENT/);

    mkdirSync(dataDir);
    await waitFor(() => guard.fault() === undefined);
    // PGlite's one backend left the failed transaction: statements run, and the insert is gone.
    expect(pg.isInTransaction()).toBe(false);
    expect((await pg.query('select * from notes')).rows).toEqual([]);
  });

  it('probes rarely while all is well, and every interval once a statement failed with the volume', async () => {
    const quiet = await PGlite.create();
    let probes = 0;
    let writable = true;
    const watched = guardPglite(quiet, {
      dataDir,
      intervalMs: 20,
      healthyIntervalMs: 60_000,
      probe: () => {
        probes++;
        if (!writable) throw Object.assign(new Error('read-only file system'), { code: 'EROFS' });
      },
    });
    try {
      await new Promise((r) => setTimeout(r, 200));
      // The probe at start only: an idle server does not write and sync a file every interval.
      expect(probes).toBe(1);
      writable = false;
      await expect(quiet.query('select 1 / 0')).rejects.toBeInstanceOf(DatabaseUnavailableError);
      expect(watched.fault()).toMatch(/EROFS/);
      writable = true;
      // Back within the short interval, not the healthy one.
      await waitFor(() => watched.fault() === undefined);
    } finally {
      watched.stop();
      await quiet.close();
    }
  });

  it('passes an ordinary error on as it is while the directory takes writes', async () => {
    await expect(pg.query('select 1 / 0')).rejects.toMatchObject({ code: '22012' });
    expect(guard.fault()).toBeUndefined();
  });

  it('fences PGlite off for good after a PANIC, and asks for a restart once the directory takes writes', async () => {
    panicNext = true;
    await expect(pg.query("insert into notes values ('lost')")).rejects.toBeInstanceOf(
      DatabaseUnavailableError,
    );
    expect(guard.fault()).toMatch(/PANIC: could not write to log file/);
    await waitFor(() => unrecoverable.length > 0);
    expect(unrecoverable).toEqual(['PANIC: could not write to log file']);

    const before = statements;
    // A ROLLBACK, too, would reach a backend that is gone.
    await expect(pg.exec('ROLLBACK')).rejects.toBeInstanceOf(DatabaseUnavailableError);
    await expect(pg.query('select 1')).rejects.toBeInstanceOf(DatabaseUnavailableError);
    expect(statements).toBe(before);
  });
});
