// Starts the real sync server (as `npm start` runs it) or the baseline server as a child process on plain
// node, and samples its RSS.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { openSync, readdirSync, readFileSync } from 'node:fs';

export interface ServerProcess {
  child: ChildProcess;
  base: string;
  /** Highest resident set size seen since start, MB. */
  maxRssMb(): number;
  /** Resident set size now, MB. */
  rssMb(): number;
  /** CPU time (user + system) the process has used since start, ms. */
  cpuMs(): number;
  stop(): Promise<void>;
}

const BUILD_SCRIPT = '../../scripts/build-server.mjs';
const RAW_ENTRY = 'node_modules/.cache/tend-bench/raw-server.mjs';

/** The baseline server bundled like the real one, so both run on plain node without a TypeScript loader. */
async function buildRawServer(): Promise<string> {
  const { build } = await import('esbuild');
  await build({
    entryPoints: ['bench/sync/raw-server.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: RAW_ENTRY,
    logLevel: 'warning',
  });
  return RAW_ENTRY;
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** utime + stime from /proc/<pid>/stat, in clock ticks of 10 ms (USER_HZ is 100 on Linux). */
export function cpuMs(pid: number): number {
  const fields = statFields(pid);
  return fields ? (Number(fields[11]) + Number(fields[12])) * 10 : 0;
}

/** The fields of /proc/<pid>/stat after the command name (the state first), or null if it is gone. */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

export function parentPid(pid: number): number {
  return Number(statFields(pid)?.[1] ?? 0);
}

/**
 * CPU of a local PostgreSQL: the postmaster and every process it forked (backends, WAL writer,
 * checkpointer, autovacuum). Backends that exit between two readings take their CPU with them; the
 * benchmark's pooled connections live through a whole run.
 */
export function databaseCpuMs(postmasterPid: number): number {
  let total = cpuMs(postmasterPid);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    if (parentPid(Number(entry)) === postmasterPid) total += cpuMs(Number(entry));
  }
  return total;
}

export async function startServer(
  port: number,
  env: Record<string, string>,
  which: 'tend' | 'raw' = 'tend',
): Promise<ServerProcess> {
  // What `npm start` runs: the bundled server on plain node. BENCH_NODE_FLAGS (e.g. --cpu-prof) apply to
  // Tend's server only, BENCH_RAW_NODE_FLAGS to the baseline's (none by default).
  const { buildServer, SERVER_ENV, SERVER_NODE_FLAGS } = (await import(BUILD_SCRIPT)) as {
    buildServer: () => Promise<string>;
    SERVER_ENV: Record<string, string>;
    SERVER_NODE_FLAGS: string[];
  };
  const entry = which === 'tend' ? await buildServer() : await buildRawServer();
  const extra = (name: string) => process.env[name]?.split(' ').filter(Boolean) ?? [];
  const flags =
    which === 'tend'
      ? [...SERVER_NODE_FLAGS, ...extra('BENCH_NODE_FLAGS')]
      : extra('BENCH_RAW_NODE_FLAGS');
  const child = spawn(process.execPath, [...flags, entry], {
    env: {
      ...(which === 'tend' ? SERVER_ENV : {}),
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      ...env,
    },
    // BENCH_SERVER_LOG=<file> keeps Tend's log lines (stdout) there; by default they are dropped.
    stdio: [
      'ignore',
      which === 'tend' && process.env.BENCH_SERVER_LOG
        ? openSync(process.env.BENCH_SERVER_LOG, 'a')
        : 'ignore',
      'inherit',
    ],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null)
      throw new Error(`server exited with ${child.exitCode} before answering`);
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      if (i > 600) throw new Error('server did not start');
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  let max = 0;
  const timer = setInterval(() => (max = Math.max(max, rssMb(child.pid!))), 100);
  return {
    child,
    base,
    maxRssMb: () => Math.max(max, rssMb(child.pid!)),
    rssMb: () => rssMb(child.pid!),
    cpuMs: () => cpuMs(child.pid!),
    async stop() {
      clearInterval(timer);
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
