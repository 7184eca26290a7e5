// The pull cursor must never skip a change that commits out of order. Two concurrent pushes for one user:
// the first is held open before commit, the second starts later; a pull runs while both are in flight.
// With a plain sequence the second would commit first, the pull would move the cursor past the first
// one's version, and the first would be skipped forever. Real PostgreSQL only (PGlite has one connection).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../src/core/merge';
import { createMutationFor } from '../test/fixtures';
import type { TestServer, TestUser } from '../test/harness';
import { createTestServer, createTestUser, pgReachable } from '../test/harness';

const reachable = await pgReachable();

describe.skipIf(!reachable)('commit order on PostgreSQL', () => {
  let server: TestServer;
  let holdNext = false;
  let entered: () => void = () => {};
  let release: () => void = () => {};

  beforeAll(async () => {
    server = await createTestServer('postgres', 'order', {
      ctx: {
        hooks: {
          beforePushCommit: async () => {
            if (!holdNext) return;
            holdNext = false;
            entered();
            await new Promise<void>((r) => (release = r));
          },
        },
      },
    });
  });
  afterAll(() => server.close());

  const push = (user: TestUser, title: string) =>
    server.app.request('/api/sync/push', {
      method: 'POST',
      headers: user.headers,
      body: JSON.stringify({ clientId: title, mutations: [createMutationFor(title)] }),
    });
  const pull = async (user: TestUser, cursor: string) => {
    const res = await server.app.request(`/api/sync/pull${cursor ? `?cursor=${cursor}` : ''}`, {
      headers: user.headers,
    });
    return (await res.json()) as { tasks: TaskRecord[]; cursor: string };
  };

  async function waitForLockWaiter(
    bDone: Promise<unknown> | unknown,
  ): Promise<'waiting' | 'finished'> {
    let finished = false;
    void Promise.resolve(bDone).then(() => (finished = true));
    for (let i = 0; i < 200; i++) {
      if (finished) return 'finished';
      const rows = await server.db.query<{ n: number }>(
        "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
      );
      if (rows[0].n > 0) return 'waiting';
      await new Promise((r) => setTimeout(r, 25));
    }
    return finished ? 'finished' : 'waiting';
  }

  it('a pull between two out-of-order commits misses neither', async () => {
    const user = await createTestUser();
    const seen = new Set<string>();
    const first = await pull(user, '');

    holdNext = true;
    const inHook = new Promise<void>((r) => (entered = r));
    const a = push(user, 'A (started first, commits last)');
    await inHook;
    const b = push(user, 'B (started second)');
    const bState = await waitForLockWaiter(b);

    const middle = await pull(user, first.cursor);
    for (const t of middle.tasks) seen.add(t.title!);
    release();
    expect((await a).status).toBe(200);
    expect((await b).status).toBe(200);

    const last = await pull(user, middle.cursor);
    for (const t of last.tasks) seen.add(t.title!);
    expect([...seen].sort()).toEqual(['A (started first, commits last)', 'B (started second)']);
    // Per-user serialisation: B waited for A's lock instead of committing ahead of it.
    expect(bState).toBe('waiting');
    expect(middle.tasks).toEqual([]);
  });

  it('many concurrent pushes of one user all arrive, each version once', async () => {
    const user = await createTestUser();
    const titles = Array.from({ length: 20 }, (_, i) => `P${i}`);
    const results = await Promise.all(titles.map((t) => push(user, t)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const got: string[] = [];
    let cursor = '';
    for (;;) {
      const res = await server.app.request(
        `/api/sync/pull?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        {
          headers: user.headers,
        },
      );
      const body = (await res.json()) as { tasks: TaskRecord[]; cursor: string; hasMore: boolean };
      got.push(...body.tasks.map((t) => t.title!));
      cursor = body.cursor;
      if (!body.hasMore) break;
    }
    expect(got.sort()).toEqual([...titles].sort());
  });
});
