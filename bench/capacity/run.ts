// `npm run bench:capacity`: what one push and one pull cost, for the capacity estimate in docs/ops/scaling.md.
// Starts a PostgreSQL cluster of its own (so its processes' CPU is ours alone) and one server process, sends
// single-mutation pushes and small pulls from a few concurrent clients, and reads CPU time from /proc for the
// server and for every PostgreSQL process, plus the bytes a task and a sync_log row take. Prints JSON.
// Options: --pushes=N (default 3000), --clients=N (default 8), --port=N (server, default 9340),
// --pg-port=N (default 5442).
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import postgres from 'postgres';
import { createMutationFor } from '../../sync-server/test/fixtures';
import { createTestUser, type TestUser } from '../../sync-server/test/harness';
import { createClusterDatabase, startPgCluster } from '../../sync-server/test/pg-cluster';
import { startServerProcess } from '../../sync-server/test/server-process';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? 'true'];
  }),
);
const PUSHES = Number(args.pushes ?? 3000);
const CLIENTS = Number(args.clients ?? 8);
const TICK_MS = 1000 / 100; // USER_HZ on Linux

/** utime + stime of one process, in ms. */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0; // the process ended meanwhile
  }
}

/** CPU ms of the postmaster (its command line names the data directory) and of its children, the backends. */
function clusterCpuMs(dataMarker: string): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const ppidLine = /PPid:\s+(\d+)/.exec(status);
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const parentCmd = ppidLine ? readFileSync(`/proc/${ppidLine[1]}/cmdline`, 'utf8') : '';
      if (cmd.includes(dataMarker) || parentCmd.includes(dataMarker)) total += cpuMs(Number(entry));
    } catch {
      // gone
    }
  }
  return total;
}

async function run(
  label: string,
  count: number,
  send: (user: TestUser, i: number) => Promise<Response>,
  users: TestUser[],
  serverPid: number,
  marker: string,
) {
  const server0 = cpuMs(serverPid);
  const db0 = clusterCpuMs(marker);
  const started = performance.now();
  let next = 0;
  await Promise.all(
    users.map(async (user) => {
      while (next < count) {
        const i = next++;
        const res = await send(user, i);
        if (!res.ok) throw new Error(`${label} ${i}: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    requests: count,
    perSecond: Math.round(count / seconds),
    serverCpuMsPerRequest: Math.round(((cpuMs(serverPid) - server0) / count) * 100) / 100,
    databaseCpuMsPerRequest: Math.round(((clusterCpuMs(marker) - db0) / count) * 100) / 100,
  };
}

const pgPort = Number(args['pg-port'] ?? 5442);
const cluster = await startPgCluster(pgPort);
const marker = cluster.dataDir;
try {
  const url = await createClusterDatabase(cluster, 'tend_capacity');
  const server = await startServerProcess(Number(args.port ?? 9340), { DATABASE_URL: url });
  try {
    const users = await Promise.all(Array.from({ length: CLIENTS }, () => createTestUser()));
    const base = server.base;
    // Warm-up: connections, prepared statements, JIT.
    const push = (user: TestUser) =>
      fetch(`${base}/api/sync/push`, {
        method: 'POST',
        headers: user.headers,
        body: JSON.stringify({ clientId: 'capacity', mutations: [createMutationFor('capacity')] }),
      });
    await run('warm-up', 200, push, users, server.child.pid!, marker);
    const pushes = await run('push', PUSHES, push, users, server.child.pid!, marker);
    const pulls = await run(
      'pull',
      PUSHES,
      (user) => fetch(`${base}/api/sync/pull?limit=50`, { headers: user.headers }),
      users,
      server.child.pid!,
      marker,
    );
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    const [sizes] = await sql<
      { task_bytes: number; log_bytes: number; tasks: number; log: number }[]
    >`
      select pg_total_relation_size('public.tasks')::float8 / greatest(count(*), 1) as task_bytes,
             pg_total_relation_size('public.sync_log')::float8
               / greatest((select count(*) from public.sync_log), 1) as log_bytes,
             count(*)::int as tasks, (select count(*)::int from public.sync_log) as log
        from public.tasks`;
    await sql.end({ timeout: 1 });
    console.log(
      JSON.stringify(
        {
          loadavg: loadavg().map((l) => Math.round(l * 100) / 100),
          clients: CLIENTS,
          push: pushes,
          pull: pulls,
          storage: {
            bytesPerTask: Math.round(sizes.task_bytes),
            bytesPerSyncLogRow: Math.round(sizes.log_bytes),
            tasks: sizes.tasks,
            syncLogRows: sizes.log,
          },
        },
        null,
        2,
      ),
    );
  } finally {
    await server.stop();
  }
} finally {
  await cluster.destroy();
}
