// The pushes the benchmark sends: one-mutation pushes to Tend (signed-in users, round robin) and the same
// work for the baseline server (the owner and the task row Tend would write).
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { formatHlc } from '../../src/core/hlc';
import { applyMutation, createMutation } from '../../src/core/merge';
import type { Mutation } from '../../src/core/merge';
import { createTask } from '../../src/core/task';
import { LOCAL_JWT_ISSUER } from '../../sync-server/config';
import { recordToRow } from '../../sync-server/sync/records';
import type { PushRequest } from './load';

export const SECRET = 'bench-jwt-secret-0123456789-0123456789';
/** The secrets Tend's server needs to start (each at least 32 bytes, as the configuration requires). */
export const SERVER_SECRETS = {
  JWT_SECRET: SECRET,
  ENCRYPTION_KEY: 'bench-encryption-key-0123456789-0123456789',
  CRON_SECRET: 'bench-cron-secret-0123456789-0123456789',
};
const T0 = Date.parse('2026-11-26T09:00:00.000Z');
let seq = 0;

/** A timestamp later than every one before it. */
function nextHlc(): string {
  return formatHlc({ millis: T0 + seq++, counter: 0, node: '0123456789ABCDEF' });
}

export function mutation(): Mutation {
  const hlc = nextHlc();
  const task = createTask(
    { title: `Task ${seq}`, notes: 'bench', labels: ['a', 'b'] },
    { id: randomUUID(), now: hlc.slice(0, 24) },
  );
  return createMutation(task, hlc, randomUUID());
}

export async function token(sub: string): Promise<string> {
  // A session id, as the server's own tokens carry: every push then passes the revoked-session check.
  return new SignJWT({ role: 'authenticated', session_id: randomUUID() })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setAudience('authenticated')
    .setIssuer(LOCAL_JWT_ISSUER)
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(SECRET));
}

/** One-mutation pushes to Tend from `users` signed-in users, round robin. */
export async function tendPushes(users: number): Promise<() => PushRequest> {
  const tokens = await Promise.all(Array.from({ length: users }, () => token(randomUUID())));
  let i = 0;
  return () => ({
    path: '/api/sync/push',
    headers: {
      authorization: `Bearer ${tokens[i++ % tokens.length]}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ clientId: 'bench', mutations: [mutation()] }),
  });
}

/**
 * One-mutation pushes that edit a task (its title), from `users` signed-in users, round robin: each user
 * first creates `tasks` tasks, and each push then edits one of them, in turn. A creation is written without
 * reading (nothing to merge with); an edit reads the task first, which these pushes measure.
 */
export async function tendEdits(
  base: string,
  users: number,
  tasks: number,
): Promise<() => PushRequest> {
  const owners = await Promise.all(
    Array.from({ length: users }, async () => {
      const bearer = `Bearer ${await token(randomUUID())}`;
      const created = Array.from({ length: tasks }, () => mutation());
      const res = await fetch(`${base}/api/sync/push`, {
        method: 'POST',
        headers: { authorization: bearer, 'content-type': 'application/json' },
        body: JSON.stringify({ clientId: 'bench', mutations: created }),
      });
      if (res.status !== 200) throw new Error(`creating the tasks to edit: ${res.status}`);
      return { bearer, taskIds: created.map((m) => m.taskId) };
    }),
  );
  let i = 0;
  return () => {
    const owner = owners[i % owners.length];
    const taskId = owner.taskIds[Math.floor(i++ / owners.length) % tasks];
    const edit: Mutation = {
      id: randomUUID(),
      taskId,
      hlc: nextHlc(),
      changes: { title: `Edit ${seq}` },
    };
    return {
      path: '/api/sync/push',
      headers: { authorization: owner.bearer, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: 'bench', mutations: [edit] }),
    };
  };
}

/** The same pushes for the baseline: the owner, and the task row Tend would write. */
export function rawPushes(users: number): () => PushRequest {
  const owners = Array.from({ length: users }, () => randomUUID());
  let i = 0;
  return () => {
    const m = mutation();
    const row = recordToRow(applyMutation(undefined, m).record, 0);
    return {
      path: '/push',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        owner: owners[i++ % owners.length],
        mutationId: m.id,
        hlc: m.hlc,
        row,
      }),
    };
  };
}
