// One user's timestamps must never reach another user's writes. The attack: push a task edit stamped in
// 2100 (or 9999), then PATCH that task over REST; a process-wide clock fed by the stored clocks made every
// other user's REST writes carry 2100 (their device edits then lost) or fail with 400 until a restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHlc } from '../../src/core/hlc';
import type { Task } from '../../src/core/task';
import { createMutationFor, T0 } from '../test/fixtures';
import type { TestServer, TestUser } from '../test/harness';
import { createTestServer, createTestUser, databaseKinds } from '../test/harness';

const kinds = await databaseKinds();
const NODE = 'AAAAAAAAAAAAAAAA';
const YEAR_2100 = formatHlc({
  millis: Date.parse('2100-01-01T00:00:00.000Z'),
  counter: 0,
  node: NODE,
});
const YEAR_9999 = formatHlc({
  millis: Date.parse('9999-12-31T23:59:59.999Z'),
  counter: 0xffff,
  node: NODE,
});

type PushReply = {
  applied: string[];
  rejected: { id: string; code: string }[];
  serverTime?: string;
};

describe.each(kinds)('server clock on %s', (kind) => {
  // Two servers: the default drift bound, and one with the bound out of the way, so the clock per
  // request is tested on its own (as for rows stored before the bound existed).
  let bounded: TestServer;
  let unbounded: TestServer;
  const now = T0;

  beforeAll(async () => {
    [bounded, unbounded] = await Promise.all([
      createTestServer(kind, 'clock_bounded', { ctx: { now: () => now } }),
      createTestServer(kind, 'clock_unbounded', {
        ctx: { now: () => now },
        env: { MAX_CLOCK_DRIFT_MS: String(1e15) },
      }),
    ]);
  });
  afterAll(() => Promise.all([bounded.close(), unbounded.close()]));

  const rest = (server: TestServer, user: TestUser, method: string, path: string, body?: unknown) =>
    server.app.request(`/api/tasks${path}`, {
      method,
      headers: user.headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  async function push(server: TestServer, user: TestUser, mutations: unknown[]) {
    const res = await server.app.request('/api/sync/push', {
      method: 'POST',
      headers: user.headers,
      body: JSON.stringify({ clientId: 'device', mutations }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as PushReply;
  }

  /** The attacker's moves: a far-future edit of their own task, then a REST PATCH of it. */
  async function attack(server: TestServer, attacker: TestUser, hlc: string) {
    const own = createMutationFor('mine');
    await push(server, attacker, [own]);
    const edit = { id: `evil-${hlc}`, taskId: own.taskId, hlc, changes: { notes: 'x' } };
    const reply = await push(server, attacker, [edit]);
    await rest(server, attacker, 'PATCH', `/${own.taskId}`, { notes: 'y' });
    return reply;
  }

  /** The victim: REST create, PATCH, DELETE and quick add work and carry the server's time. */
  async function expectVictimUnaffected(server: TestServer, victim: TestUser) {
    const created = await rest(server, victim, 'POST', '', { title: 'Groceries' });
    expect(created.status).toBe(201);
    const task = (await created.json()) as Task;
    expect(task.createdAt).toBe(new Date(now).toISOString());
    const patched = await rest(server, victim, 'PATCH', `/${task.id}`, { priority: 1 });
    expect(patched.status).toBe(200);
    expect((await rest(server, victim, 'POST', '', { text: 'Call mom tomorrow' })).status).toBe(
      201,
    );
    // The victim's device, with a correct clock, edits a second later: the edit must win.
    const deviceEdit = {
      id: `victim-${task.id}`,
      taskId: task.id,
      hlc: formatHlc({ millis: now + 1000, counter: 0, node: 'BBBBBBBBBBBBBBBB' }),
      changes: { title: 'Groceries and milk' },
    };
    expect((await push(server, victim, [deviceEdit])).applied).toEqual([deviceEdit.id]);
    const after = (await (await rest(server, victim, 'GET', `/${task.id}`)).json()) as Task;
    expect(after.title).toBe('Groceries and milk');
    expect((await rest(server, victim, 'DELETE', `/${task.id}`)).status).toBe(200);
  }

  it('refuses a timestamp past the drift bound per mutation (clock_drift), applying the rest', async () => {
    const user = await createTestUser();
    const fine = createMutationFor('on time', 60_000);
    const ahead = createMutationFor('a little ahead', 4 * 60_000);
    const tooFar = createMutationFor('six minutes ahead', 6 * 60_000);
    const reply = await push(bounded, user, [fine, tooFar, ahead]);
    expect(reply.applied.sort()).toEqual([fine.id, ahead.id].sort());
    expect(reply.rejected).toEqual([
      expect.objectContaining({ id: tooFar.id, code: 'clock_drift' }),
    ]);
    expect(reply.serverTime).toBe(new Date(now).toISOString());
    // Not recorded as final: re-stamped under the same id, it goes through.
    const restamped = { ...tooFar, hlc: formatHlc({ millis: now + 1, counter: 0, node: NODE }) };
    expect((await push(bounded, user, [restamped])).applied).toEqual([tooFar.id]);
  });

  it.each([
    ['2100', YEAR_2100],
    ['9999', YEAR_9999],
  ])('a push stamped %s is refused and leaves other users alone', async (_year, hlc) => {
    const [attacker, victim] = [await createTestUser(), await createTestUser()];
    const reply = await attack(bounded, attacker, hlc);
    expect(reply.rejected).toEqual([expect.objectContaining({ code: 'clock_drift' })]);
    await expectVictimUnaffected(bounded, victim);
  });

  it.each([
    ['2100', YEAR_2100],
    ['9999', YEAR_9999],
  ])('with no drift bound, stored %s clocks still reach no other user', async (_year, hlc) => {
    const [attacker, victim] = [await createTestUser(), await createTestUser()];
    const reply = await attack(unbounded, attacker, hlc);
    expect(reply.applied).toHaveLength(1);
    await expectVictimUnaffected(unbounded, victim);
  });
});
