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

export function mutation(): Mutation {
  const hlc = formatHlc({ millis: T0 + seq++, counter: 0, node: '0123456789ABCDEF' });
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
