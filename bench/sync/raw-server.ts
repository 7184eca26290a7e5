// The benchmark's baseline: the least an HTTP endpoint can do for a one-mutation push. node:http and
// postgres.js, no framework, no auth, no validation, no merge: lock the user's sync_state row, upsert one
// task row, insert its sync_log row, commit. Tend's push is measured as a ratio to this, in the same run.
// POST /push {owner, row, mutationId, hlc}; runs as its own process (bundled like the server).
import { createServer } from 'node:http';
import postgres from 'postgres';

interface RawPush {
  owner: string;
  mutationId: string;
  hlc: string;
  row: Record<string, unknown> & { id: string; clock: unknown; labels: unknown };
}

const sql = postgres(process.env.DATABASE_URL!, {
  max: Number(process.env.DB_POOL_MAX ?? 10),
  onnotice: () => {},
});

async function push(body: RawPush): Promise<number> {
  const { owner, row } = body;
  return sql.begin(async (tx) => {
    const [state] = await tx`
      insert into public.sync_state as s (owner) values (${owner})
      on conflict (owner) do update set seq = s.seq + 1 returning seq`;
    await tx`
      insert into public.tasks (owner, id, title, notes, due, priority, project, labels, recurrence,
        completed_at, deleted_at, sort_order, clock, created_at, updated_at, version)
      values (${owner}, ${row.id}, ${row.title as string}, ${row.notes as string}, ${row.due as string},
        ${row.priority as number}, ${row.project as string}, ${JSON.stringify(row.labels)}::jsonb,
        ${row.recurrence as string}, ${row.completed_at as string}, ${row.deleted_at as string},
        ${row.sort_order as number}, ${JSON.stringify(row.clock)}::jsonb, ${row.created_at as string},
        ${row.updated_at as string}, ${state.seq})
      on conflict (owner, id) do update set title = excluded.title, notes = excluded.notes,
        labels = excluded.labels, clock = excluded.clock, updated_at = excluded.updated_at,
        version = excluded.version`;
    await tx`
      insert into public.sync_log (owner, mutation_id, task_id, hlc, client_id, status)
      values (${owner}, ${body.mutationId}, ${row.id}, ${body.hlc}, 'raw', 'applied')`;
    return Number(state.seq);
  });
}

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') {
    res.end('ok');
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    push(JSON.parse(Buffer.concat(chunks).toString()) as RawPush).then(
      (seq) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ seq }));
      },
      (error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      },
    );
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () =>
  server.close(() => void sql.end({ timeout: 1 }).then(() => process.exit(0))),
);
