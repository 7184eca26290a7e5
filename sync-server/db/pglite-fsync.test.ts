// A commit on PGlite reaches the disk before it is acknowledged: PostgreSQL runs with fsync on, and the
// sync it asks for arrives at Node's fs.fsyncSync on the WAL file (a real PGlite in a real directory).
import { fsyncSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DurableNodeFS, durableStartParams, syncTreeToDisk } from './pglite-fsync';

describe('durable PGlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tend-pglite-fsync-'));
  const synced: string[] = [];
  let pg: PGlite;

  beforeAll(async () => {
    const fsync = (fd: number) => {
      synced.push(readlinkSync(`/proc/self/fd/${fd}`));
      fsyncSync(fd);
    };
    pg = await PGlite.create({
      fs: new DurableNodeFS(dir, fsync),
      startParams: durableStartParams(),
    });
    await pg.exec('create table notes (body text)');
  }, 60_000);

  afterAll(async () => {
    await pg?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs PostgreSQL with fsync on, syncing the WAL through fsync(2)', async () => {
    expect(durableStartParams()).not.toContain('-F');
    const [settings] = (
      await pg.query<{ fsync: string; method: string }>(
        "select current_setting('fsync') as fsync, current_setting('wal_sync_method') as method",
      )
    ).rows;
    expect(settings).toEqual({ fsync: 'on', method: 'fsync' });
  });

  it('syncs the WAL file to the disk inside every commit', async () => {
    for (let i = 0; i < 3; i++) {
      synced.length = 0;
      await pg.query('insert into notes values ($1)', [`note ${i}`]);
      expect(synced.filter((path) => path.startsWith(join(dir, 'pg_wal/')))).toHaveLength(1);
    }
  });

  it('syncs nothing for a statement that commits no change', async () => {
    synced.length = 0;
    await pg.query('select count(*) from notes');
    expect(synced).toEqual([]);
  });
});

describe('syncTreeToDisk', () => {
  it('syncs every file and directory of a tree, and its entry in the parent', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tend-sync-tree-'));
    const synced: string[] = [];
    try {
      mkdirSync(join(dir, 'base'));
      writeFileSync(join(dir, 'base', '1'), 'page');
      writeFileSync(join(dir, 'PG_VERSION'), '17');
      syncTreeToDisk(dir, (fd) => synced.push(readlinkSync(`/proc/self/fd/${fd}`)));
      expect(synced.sort()).toEqual(
        [dir, join(dir, 'PG_VERSION'), join(dir, 'base'), join(dir, 'base', '1'), tmpdir()].sort(),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
