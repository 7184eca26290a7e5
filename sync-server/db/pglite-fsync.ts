// PGlite as it ships never makes a commit durable: it starts PostgreSQL with -F (fsync off), and its
// Node file system (Emscripten's NODEFS) has no fsync, so even with fsync on the call returns at once. A
// commit then sits in the kernel's page cache when the server acknowledges it, and a volume that fails
// (turns read-only on an error, loses power) takes it along. This turns both back on: PostgreSQL syncs
// the WAL at every commit (and data files at checkpoints), and each sync reaches the disk through fsync(2).
import { closeSync, fsyncSync, openSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

type PostgresMod = Parameters<NodeFS['init']>[1];

interface NodeStream {
  /** The host's file descriptor behind an Emscripten stream (NODEFS). */
  nfd?: number;
}

interface NodeFsType {
  stream_ops: Record<string, unknown> & { fsync?: (stream: NodeStream) => number };
  tryFSOperation<T>(operation: () => T): T;
}

/** PGlite's start parameters with PostgreSQL's fsync left on and WAL syncs through fsync(2). */
export function durableStartParams(extra: readonly string[] = []): string[] {
  const defaults = (PGlite as unknown as { defaultStartParams: string[] }).defaultStartParams;
  return [
    ...defaults.filter((param) => param !== '-F'),
    // Emscripten's fdatasync (PostgreSQL's default on Linux) is a no-op; fsync reaches the stream below.
    '-c',
    'wal_sync_method=fsync',
    ...extra,
  ];
}

/** Gives NODEFS streams a real fsync: Node's fsyncSync on the host's descriptor, errors as errno. */
export function syncStreamsToDisk(nodefs: NodeFsType, fsync: (fd: number) => void = fsyncSync) {
  nodefs.stream_ops.fsync = (stream: NodeStream) => {
    if (stream.nfd !== undefined) nodefs.tryFSOperation(() => fsync(stream.nfd!));
    return 0;
  };
}

/** PGlite's Node file system for `dataDir`, with a working fsync. */
export class DurableNodeFS extends NodeFS {
  constructor(
    dataDir: string,
    private readonly fsync: (fd: number) => void = fsyncSync,
  ) {
    super(dataDir);
  }

  override async init(pg: PGlite, opts: Partial<PostgresMod>) {
    const { emscriptenOpts } = await super.init(pg, opts);
    const preRun = [
      ...(emscriptenOpts.preRun ?? []),
      (mod: { NODEFS: unknown }) => syncStreamsToDisk(mod.NODEFS as NodeFsType, this.fsync),
    ] as PostgresMod['preRun'];
    return { emscriptenOpts: { ...emscriptenOpts, preRun } };
  }
}

/**
 * Syncs every file and directory under `dir`, and `dir`'s own entry in its parent, to the disk. A new data
 * directory is written by initdb with no sync at all; until the kernel writes it back (seconds to half a
 * minute) a failing volume would leave a directory PostgreSQL cannot start from.
 */
export function syncTreeToDisk(dir: string, fsync: (fd: number) => void = fsyncSync): void {
  const syncPath = (path: string) => {
    const fd = openSync(path, 'r');
    try {
      fsync(fd);
    } finally {
      closeSync(fd);
    }
  };
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) syncPath(child);
    }
    syncPath(path);
  };
  walk(dir);
  syncPath(dirname(dir));
}
