// Test harness (not a test double): a PostgreSQL cluster of the test's own, in a temporary directory on a port
// of the caller's choosing, for tests that must stop and start the database (the shared one on 5432 is never
// touched). initdb refuses to run as root, so as root (CI) the cluster belongs to the `postgres` OS user.
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';

const run = promisify(execFile);
const BIN = process.env.TEST_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PgCluster {
  url: string;
  port: number;
  /** The data directory; the postmaster's command line names it. */
  dataDir: string;
  /** Fast shutdown: open sessions are terminated, as `pg_ctlcluster ... stop -m fast` does. */
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

export function pgClusterAvailable(): boolean {
  return existsSync(join(BIN, 'initdb')) && existsSync(join(BIN, 'pg_ctl'));
}

async function asOwner(command: string, args: string[]): Promise<void> {
  const isRoot = process.getuid?.() === 0;
  if (isRoot) await run('runuser', ['-u', 'postgres', '--', command, ...args]);
  else await run(command, args);
}

export async function startPgCluster(port: number): Promise<PgCluster> {
  const root = mkdtempSync(join(tmpdir(), 'tend-pg-'));
  const data = join(root, 'data');
  if (process.getuid?.() === 0) {
    chownSync(root, uidOf('postgres'), gidOf('postgres'));
    chmodSync(root, 0o700);
  }
  await asOwner(join(BIN, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const pgCtl = (...args: string[]) =>
    asOwner(join(BIN, 'pg_ctl'), ['-D', data, '-w', '-t', '30', ...args]);
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const start = () => pgCtl('-o', options, '-l', join(root, 'log'), 'start');
  await start();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    dataDir: data,
    stop: () => pgCtl('-m', 'fast', 'stop'),
    start,
    async destroy() {
      await pgCtl('-m', 'immediate', 'stop').catch(() => {});
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A fresh database on a cluster, as the shared harness makes them on 5432. */
export async function createClusterDatabase(cluster: PgCluster, name: string): Promise<string> {
  const admin = postgres(cluster.url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end({ timeout: 1 });
  }
  return cluster.url.replace(/\/[^/]*$/, `/${name}`);
}

function idOf(flag: '-u' | '-g', user: string): number {
  return Number(execFileSync('id', [flag, user]).toString().trim());
}
const uidOf = (user: string) => idOf('-u', user);
const gidOf = (user: string) => idOf('-g', user);
