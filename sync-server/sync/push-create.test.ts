// A push that only creates tasks has nothing to merge against: it is written without the read (the user's
// sequence taken by the write itself), and the database's unique keys tell it when the task or the
// mutation was already there, in which case it runs again as an ordinary push. These tests check that the
// shortcut is taken, and that a creation it cannot take (a replay, a task that exists, a task purged since,
// a race between devices) ends exactly as the ordinary push would.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mutation } from '../../src/core/merge';
import type { Claims, Db, Queryable } from '../db/types';
import { T0, createMutationFor, editMutation } from '../test/fixtures';
import { createTestDatabase, databaseKinds } from '../test/harness';
import type { DbKind, TestDatabase } from '../test/harness';
import { pullChanges } from './pull';
import { LOAD_PUSH_STATE_SQL, loadRecords, pushAsUser } from './push';
import type { PushOptions } from './push';

const options: PushOptions = { clientId: 'device-a', now: T0 + 60_000, maxDriftMs: 60_000 };

/** `db` with every statement a push's transactions send through `query` or `queryBeforeCommit` kept. */
function recording(db: Db): { db: Db; statements: string[] } {
  const statements: string[] = [];
  const wrap = (tx: Queryable): Queryable => {
    const wrapped: Queryable = {
      ...tx,
      query: (text, params) => (statements.push(text), tx.query(text, params)),
    };
    if (tx.queryBeforeCommit) {
      const last = tx.queryBeforeCommit.bind(tx);
      wrapped.queryBeforeCommit = (text, params) => (statements.push(text), last(text, params));
    }
    return wrapped;
  };
  return { db: { ...db, asUser: (c, fn) => db.asUser(c, (tx) => fn(wrap(tx))) }, statements };
}

for (const kind of await databaseKinds()) {
  describe(`a push that creates tasks (${kind})`, () => {
    let database: TestDatabase;
    let db: Db;
    beforeAll(async () => {
      database = await createTestDatabase(kind as DbKind, 'push_create');
      db = database.db;
    });
    afterAll(() => database.drop());
    const onPostgres: typeof it = kind === 'postgres' ? it : ((() => undefined) as never);

    const newUser = (): Claims => ({ sub: randomUUID(), role: 'authenticated' });

    async function stateOf(claims: Claims) {
      return db.asUser(claims, async (tx) => {
        const [state] = await tx.query<{ seq: string }>(
          'select seq from public.sync_state where owner = auth.uid()',
        );
        const tasks = await tx.query<{ id: string; title: string; version: string }>(
          'select id, title, version from public.tasks order by version',
        );
        const logged = await tx.query<{ mutation_id: string; status: string }>(
          'select mutation_id, status from public.sync_log order by mutation_id',
        );
        return {
          seq: Number(state?.seq ?? 0),
          tasks: tasks.map((t) => ({ ...t, version: Number(t.version) })),
          logged,
        };
      });
    }

    it('sends one statement and no read, and answers the new sequence', async () => {
      const claims = newUser();
      const spy = recording(db);
      const first = await pushAsUser(spy.db, claims, [createMutationFor('one')], options);
      expect(spy.statements).toHaveLength(1);
      expect(spy.statements).not.toContain(LOAD_PUSH_STATE_SQL);
      expect(first.seq).toBe(1);

      const batch = [createMutationFor('two'), createMutationFor('three')];
      const second = await pushAsUser(spy.db, claims, batch, options);
      expect(spy.statements).toHaveLength(2);
      expect(second.applied).toEqual(batch.map((m) => m.id));
      expect(second.created).toEqual(batch.map((m) => m.taskId));
      expect(second.seq).toBe(3);
      const after = await stateOf(claims);
      expect(after.seq).toBe(3);
      expect(after.tasks.map((t) => [t.title, t.version])).toEqual([
        ['one', 1],
        ['two', 2],
        ['three', 3],
      ]);
      expect(after.logged.map((l) => l.status)).toEqual(['applied', 'applied', 'applied']);
    });

    it('an edit still reads before it writes', async () => {
      const claims = newUser();
      const create = createMutationFor('first');
      await pushAsUser(db, claims, [create], options);
      const spy = recording(db);
      await pushAsUser(
        spy.db,
        claims,
        [editMutation(create.taskId, { title: 'x' }, 1000)],
        options,
      );
      expect(spy.statements[0]).toBe(LOAD_PUSH_STATE_SQL);
    });

    it('a replayed creation reports its first outcome and changes nothing', async () => {
      const claims = newUser();
      const create = createMutationFor('once');
      await pushAsUser(db, claims, [create], options);
      const replay = await pushAsUser(db, claims, [create], { ...options, clientId: 'device-b' });
      expect(replay.applied).toEqual([create.id]);
      expect(replay.changed.size).toBe(0);
      expect(replay.created).toEqual([]);
      const after = await stateOf(claims);
      expect(after.seq).toBe(1);
      expect(after.tasks).toHaveLength(1);
    });

    it('a creation of a task that exists is merged field by field', async () => {
      const claims = newUser();
      const taskId = randomUUID();
      await pushAsUser(db, claims, [createMutationFor('newer', 2000, taskId)], options);
      const older = await pushAsUser(
        db,
        claims,
        [createMutationFor('older', 1000, taskId)],
        options,
      );
      expect(older.changed.size).toBe(0);
      expect(older.created).toEqual([]);
      const newest: Mutation = createMutationFor('newest', 3000, taskId);
      const won = await pushAsUser(db, claims, [newest], options);
      expect(won.created).toEqual([]);
      const after = await stateOf(claims);
      expect(after.tasks).toEqual([{ id: taskId, title: 'newest', version: 2 }]);
      expect(after.seq).toBe(2);
    });

    it('a creation replayed after its task was purged does not bring the task back', async () => {
      const claims = newUser();
      const create = createMutationFor('purged');
      await pushAsUser(db, claims, [create], options);
      await db.query('delete from public.tasks where id = $1', [create.taskId]);
      const replay = await pushAsUser(db, claims, [create], options);
      expect(replay.applied).toEqual([create.id]);
      expect((await stateOf(claims)).tasks).toEqual([]);
    });

    it('a batch mixing a new task and an edit goes the ordinary way', async () => {
      const claims = newUser();
      const create = createMutationFor('first');
      await pushAsUser(db, claims, [create], options);
      const spy = recording(db);
      const batch = [
        createMutationFor('second'),
        editMutation(create.taskId, { priority: 1 }, 500),
      ];
      const result = await pushAsUser(spy.db, claims, batch, options);
      expect(spy.statements[0]).toBe(LOAD_PUSH_STATE_SQL);
      expect(result.applied).toEqual(batch.map((m) => m.id));
      const task = await db.asUser(claims, async (tx) =>
        (await loadRecords(tx, [create.taskId])).get(create.taskId),
      );
      expect(task?.priority).toBe(1);
    });

    onPostgres(
      'creations racing from many connections: versions once each, and a pull that follows them misses none',
      async () => {
        const claims = newUser();
        const creates = Array.from({ length: 40 }, (_, i) => createMutationFor(`task ${i}`, i));
        // Every other creation pushed twice at once, as a device that retried would.
        const batches = creates.flatMap((m, i) => (i % 2 ? [[m], [m]] : [[m]]));
        const seen = new Set<string>();
        let cursor = 0;
        let pushing = true;
        const puller = (async () => {
          while (pushing) {
            const page = await db.asUser(claims, (tx) => pullChanges(tx, cursor, 1000));
            for (const task of page.tasks) seen.add(task.id);
            cursor = Number(page.cursor);
          }
        })();
        const results = await Promise.all(
          batches.map((batch, i) =>
            pushAsUser(db, claims, batch, { ...options, clientId: `device-${i % 3}` }),
          ),
        );
        pushing = false;
        await puller;
        const last = await db.asUser(claims, (tx) => pullChanges(tx, cursor, 1000));
        for (const task of last.tasks) seen.add(task.id);

        expect(results.every((r) => r.applied.length === 1)).toBe(true);
        expect(results.reduce((n, r) => n + r.created.length, 0)).toBe(creates.length);
        const after = await stateOf(claims);
        expect(after.seq).toBe(creates.length);
        expect(after.tasks.map((t) => t.version)).toEqual(creates.map((_, i) => i + 1));
        expect(after.logged).toHaveLength(creates.length);
        expect(seen.size).toBe(creates.length);
      },
    );
  });
}
