// `npm run bench:sync -- --scale`: does a push or a pull cost more as the database grows? Push p95 (paced, open
// loop) and full-pull time for one user, with 1k, 100k and 1M other users' rows in `tasks` and 10k and 1M in
// `sync_log`, and the plans of the push's and the pull's statements (EXPLAIN ANALYZE as the user, rolled back)
// to show they probe indexes instead of scanning.
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { AS_USER_SQL, asUserParams } from '../../sync-server/db/types';
import { PULL_PAGE_SQL } from '../../sync-server/sync/pull';
import {
  CREATE_PUSH_SQL,
  LOAD_PUSH_STATE_SQL,
  LOCK_SYNC_STATE_SQL,
  WRITE_PUSH_SQL,
} from '../../sync-server/sync/push';
import { recordToRow } from '../../sync-server/sync/records';
import { applyMutation } from '../../src/core/merge';
import { loadAverage, paced } from './load';
import { SERVER_SECRETS, mutation, tendPushes, token } from './pushes';
import { startServer } from './server-process';

const LEVELS = [
  { tasks: 1_000, syncLog: 10_000 },
  { tasks: 100_000, syncLog: 10_000 },
  { tasks: 1_000_000, syncLog: 10_000 },
  { tasks: 1_000_000, syncLog: 1_000_000 },
];
/** The measured user's own tasks: one full pull page. */
const OWN_TASKS = 500;
const PULLS = 30;

/** Other users' rows, 100 per user, numbered from `from` to `to`. */
async function seed(sql: postgres.Sql, table: 'tasks' | 'sync_log', from: number, to: number) {
  if (to <= from) return;
  if (table === 'tasks') {
    await sql.unsafe(
      `insert into public.tasks (owner, id, title, notes, labels, clock, created_at, updated_at, version)
       select md5('owner' || (g / 100))::uuid, md5('task' || g)::uuid, 'Task ' || g, 'seeded', '["a"]',
              '{"title": "2026-11-26T09:00:00.000Z_0000_0123456789ABCDEF"}', now(), now(), g
         from generate_series($1::int, $2::int) g`,
      [from + 1, to],
    );
    // Their sync state too, so the push's sequence update meets a table of realistic size.
    await sql.unsafe(
      `insert into public.sync_state (owner, seq)
       select md5('owner' || u)::uuid, 100 from generate_series($1::int / 100, $2::int / 100) u
       on conflict (owner) do nothing`,
      [from + 1, to],
    );
  } else {
    await sql.unsafe(
      `insert into public.sync_log (owner, mutation_id, task_id, hlc, client_id, status)
       select md5('owner' || (g / 100))::uuid, 'seed-' || g, md5('task' || g)::uuid::text,
              '2026-11-26T09:00:00.000Z_0000_0123456789ABCDEF', 'seed', 'applied'
         from generate_series($1::int, $2::int) g`,
      [from + 1, to],
    );
  }
}

/** Plans of the statements, run as the user with EXPLAIN ANALYZE in a transaction that is rolled back. */
async function plans(sql: postgres.Sql, owner: string, taskIds: string[]) {
  const m = mutation();
  const record = applyMutation(undefined, m).record;
  const row = recordToRow(record, 1_000_000);
  // The write applies only against the sequence it was merged with: the user's current one.
  const [state = { seq: 0, pruned_seq: 0 }] = await sql<{ seq: string; pruned_seq: string }[]>`
    select seq, pruned_seq from public.sync_state where owner = ${owner}`;
  const statements: Record<string, [string, unknown[]]> = {
    lock: [LOCK_SYNC_STATE_SQL, []],
    loadPushState: [
      LOAD_PUSH_STATE_SQL,
      [JSON.stringify([m.id, 'seed-1']), JSON.stringify(taskIds.slice(0, 1))],
    ],
    writePush: [
      WRITE_PUSH_SQL,
      [JSON.stringify([row]), JSON.stringify([]), 'bench', 1_000_000, state.seq, state.pruned_seq],
    ],
    // A push that only creates a task: no read, the row's version its place in the batch.
    createPush: [
      CREATE_PUSH_SQL,
      [
        JSON.stringify([recordToRow(record, 1)]),
        JSON.stringify([{ mutation_id: m.id, task_id: m.taskId, hlc: m.hlc, status: 'applied' }]),
        'bench',
        1,
      ],
    ],
    pullPage: [PULL_PAGE_SQL, [0, 501]],
  };
  const out: Record<string, { plan: string[]; scans: string[] }> = {};
  for (const [name, [text, params]] of Object.entries(statements)) {
    const lines = await sql
      .begin(async (tx) => {
        await tx.unsafe(AS_USER_SQL, asUserParams({ sub: owner, role: 'authenticated' }));
        const rows = await tx.unsafe(
          `explain (analyze, costs off, timing off, summary off) ${text}`,
          params as never[],
        );
        throw Object.assign(new Error('rollback'), { rows });
      })
      .catch((e: { rows?: { 'QUERY PLAN': string }[] }) => {
        if (!e.rows) throw e;
        return e.rows.map((r) => r['QUERY PLAN']);
      });
    out[name] = {
      plan: lines,
      // A sequential scan, or an index walk that filters rows out (the index did not find the row).
      scans: lines.filter((l) => /Seq Scan on (tasks|sync_log)\b|Rows Removed by Filter/.test(l)),
    };
  }
  return out;
}

export async function benchScale(options: {
  admin: string;
  port: number;
  seconds: number;
  rate: number;
}) {
  const name = `tend_scale_${randomUUID().slice(0, 8)}`;
  const admin = postgres(options.admin, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = options.admin.replace(/\/[^/]*$/, `/${name}`);
  const server = await startServer(options.port, {
    DATABASE_URL: url,
    ...SERVER_SECRETS,
  });
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  try {
    const me = randomUUID();
    const auth = { authorization: `Bearer ${await token(me)}` };
    const own = Array.from({ length: OWN_TASKS }, mutation);
    const pushed = await fetch(`${server.base}/api/sync/push`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: 'scale', mutations: own }),
    });
    if (pushed.status !== 200) throw new Error(`seeding the user's tasks: ${pushed.status}`);
    const next = await tendPushes(100);
    // Warm up: every pooled connection prepares its statements before the first level is measured.
    await paced(server.base, options.rate, 2, next);
    const rows: Record<string, unknown>[] = [];
    let seeded = { tasks: 0, syncLog: 0 };
    for (const level of LEVELS) {
      const started = performance.now();
      await seed(sql, 'tasks', seeded.tasks, level.tasks);
      await seed(sql, 'sync_log', seeded.syncLog, level.syncLog);
      // Measured in steady state, not in the seeding's wake: visibility map and statistics up to date (no
      // autovacuum starting mid-run), the seeded WAL checkpointed.
      await sql.unsafe('vacuum analyze public.tasks, public.sync_log, public.sync_state');
      await sql.unsafe('checkpoint');
      seeded = level;
      const seedSeconds = Number(((performance.now() - started) / 1000).toFixed(1));

      const push = await paced(server.base, options.rate, options.seconds, next);
      const load0 = loadAverage();
      const pullMs: number[] = [];
      for (let i = 0; i < PULLS; i++) {
        const t0 = performance.now();
        const res = await fetch(`${server.base}/api/sync/pull?limit=${OWN_TASKS}`, {
          headers: auth,
        });
        const body = (await res.json()) as { tasks: unknown[] };
        if (body.tasks.length !== OWN_TASKS) throw new Error('pull returned a short page');
        pullMs.push(performance.now() - t0);
      }
      pullMs.sort((a, b) => a - b);
      rows.push({
        otherTasks: level.tasks,
        syncLogRows: level.syncLog,
        seedSeconds,
        pushP95Ms: push.p95Ms,
        pushLoadAverage: push.loadAverage,
        fullPullP50Ms: Number(pullMs[Math.floor(PULLS / 2)].toFixed(2)),
        fullPullP95Ms: Number(pullMs[Math.floor(PULLS * 0.95)].toFixed(2)),
        pullLoadAverage: [load0, loadAverage()],
        plans: await plans(
          sql,
          me,
          own.map((m) => m.taskId),
        ),
      });
    }
    const first = rows[0] as { pushP95Ms: number; fullPullP50Ms: number };
    const last = rows[rows.length - 1] as { pushP95Ms: number; fullPullP50Ms: number };
    return {
      rate: options.rate,
      levels: rows,
      growth: {
        pushP95: Number((last.pushP95Ms / first.pushP95Ms).toFixed(2)),
        fullPullP50: Number((last.fullPullP50Ms / first.fullPullP50Ms).toFixed(2)),
        target: '<= 1.5',
      },
      sequentialScans: rows.flatMap((r) =>
        Object.values(r.plans as Record<string, { scans: string[] }>).flatMap((p) => p.scans),
      ),
    };
  } finally {
    await server.stop();
    await sql.end();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
