// A push reads the user's sequence without a lock and writes only if it is still the one it read. These
// tests put another push of the same user between a push's read and its write and check that the late
// write is neither lost (the other device's change overwritten with the stale merge, or the push's own
// change dropped) nor applied twice (a version or a log entry too many). In the caller's transaction on
// PGlite and PostgreSQL; on PostgreSQL also with the other push committing from another connection, the
// write pipelined with the commit.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mutation } from '../../src/core/merge';
import type { Claims, Db, Queryable } from '../db/types';
import { T0, createMutationFor, editMutation } from '../test/fixtures';
import { createTestDatabase, databaseKinds } from '../test/harness';
import type { DbKind, TestDatabase } from '../test/harness';
import { LOAD_PUSH_STATE_SQL, loadRecords, pushAsUser, pushMutations } from './push';
import type { PushOptions } from './push';

const options: PushOptions = { clientId: 'device-a', now: T0 + 60_000, maxDriftMs: 60_000 };

/** `tx` with `interlope` run once, right after the first answer to the push's read. */
function interceptedAfterRead(tx: Queryable, interlope: () => Promise<unknown>) {
  let reads = 0;
  const wrapped: Queryable = {
    ...tx,
    async query<T extends Record<string, unknown>>(text: string, params?: unknown[]) {
      const rows = await tx.query<T>(text, params);
      if (text === LOAD_PUSH_STATE_SQL && ++reads === 1) await interlope();
      return rows;
    },
  };
  if (tx.queryBeforeCommit) wrapped.queryBeforeCommit = tx.queryBeforeCommit.bind(tx);
  return { tx: wrapped, reads: () => reads };
}

for (const kind of await databaseKinds()) {
  describe(`a push raced by another push of the same user (${kind})`, () => {
    let database: TestDatabase;
    let db: Db;
    beforeAll(async () => {
      database = await createTestDatabase(kind as DbKind, 'push_race');
      db = database.db;
    });
    afterAll(() => database.drop());
    // PGlite serves one connection: no other transaction can commit between a push's read and its write.
    const onPostgres: typeof it = kind === 'postgres' ? it : ((() => undefined) as never);

    const newUser = (): Claims => ({ sub: randomUUID(), role: 'authenticated' });

    /** A user with one task (version 1); its id. */
    async function userWithTask(claims: Claims): Promise<string> {
      const create = createMutationFor('first');
      await pushAsUser(db, claims, [create], options);
      return create.taskId;
    }

    async function stateOf(claims: Claims, taskId: string, mutationIds: string[]) {
      return db.asUser(claims, async (tx) => {
        const [state] = await tx.query<{ seq: string }>(
          'select seq from public.sync_state where owner = auth.uid()',
        );
        const logged = await tx.query<{ mutation_id: string }>(
          'select mutation_id from public.sync_log where mutation_id = any($1::text[])',
          [mutationIds],
        );
        const task = (await loadRecords(tx, [taskId])).get(taskId)!;
        const [row] = await tx.query<{ version: string }>(
          'select version from public.tasks where id = $1',
          [taskId],
        );
        return {
          seq: Number(state.seq),
          version: Number(row.version),
          logged: logged.map((r) => r.mutation_id).sort(),
          task,
        };
      });
    }

    it('in the caller’s transaction: keeps both changes and writes the late push once', async () => {
      const claims = newUser();
      const taskId = await userWithTask(claims);
      const other = editMutation(taskId, { title: 'from device B' }, 2000);
      const mine = editMutation(taskId, { priority: 1 }, 1000);
      const result = await db.asUser(claims, async (tx) => {
        // Another push commits its write at this point of ours: the same transaction stands in for it.
        const raced = interceptedAfterRead(tx, () =>
          pushMutations(tx, [other], { ...options, clientId: 'device-b' }),
        );
        const pushed = await pushMutations(raced.tx, [mine], options);
        expect(raced.reads()).toBe(2);
        return pushed;
      });
      expect(result.applied).toEqual([mine.id]);
      const after = await stateOf(claims, taskId, [other.id, mine.id]);
      expect(after.task.title).toBe('from device B');
      expect(after.task.priority).toBe(1);
      // Created at 1, device B's write at 2, ours at 3: no version twice, none skipped.
      expect(after.seq).toBe(3);
      expect(after.version).toBe(3);
      expect(after.logged).toEqual([other.id, mine.id].sort());
    });

    onPostgres(
      'another connection committing in between: the pipelined write applies once, in a second transaction',
      async () => {
        const claims = newUser();
        const taskId = await userWithTask(claims);
        const other = editMutation(taskId, { title: 'from device B' }, 2000);
        const mine = editMutation(taskId, { priority: 1 }, 1000);
        let reads = 0;
        const racing: Db = {
          ...db,
          asUser: (c, fn) =>
            db.asUser(c, (tx) => {
              const raced = interceptedAfterRead(tx, () =>
                reads === 0
                  ? pushAsUser(db, claims, [other], { ...options, clientId: 'device-b' })
                  : Promise.resolve(),
              );
              return fn(raced.tx).finally(() => (reads += raced.reads()));
            }),
        };
        const result = await pushAsUser(racing, claims, [mine], options);
        expect(reads).toBe(2);
        expect(result.applied).toEqual([mine.id]);
        const after = await stateOf(claims, taskId, [other.id, mine.id]);
        expect(after.task.title).toBe('from device B');
        expect(after.task.priority).toBe(1);
        expect(after.seq).toBe(3);
        expect(after.version).toBe(3);
        expect(after.logged).toEqual([other.id, mine.id].sort());
      },
    );

    onPostgres(
      'the same mutation pushed from another connection in between is applied once and replayed',
      async () => {
        const claims = newUser();
        const taskId = await userWithTask(claims);
        const mine: Mutation = editMutation(taskId, { title: 'once' }, 1000);
        let first = true;
        const racing: Db = {
          ...db,
          asUser: (c, fn) =>
            db.asUser(c, (tx) => {
              const raced = interceptedAfterRead(tx, async () => {
                if (!first) return;
                first = false;
                await pushAsUser(db, claims, [mine], { ...options, clientId: 'device-b' });
              });
              return fn(raced.tx);
            }),
        };
        const result = await pushAsUser(racing, claims, [mine], options);
        expect(result.applied).toEqual([mine.id]);
        expect(result.changed.size).toBe(0);
        const after = await stateOf(claims, taskId, [mine.id]);
        expect(after.task.title).toBe('once');
        expect(after.seq).toBe(2);
        expect(after.logged).toEqual([mine.id]);
      },
    );

    it('many concurrent pushes of one user, some of the same mutation: each applied once', async () => {
      const claims = newUser();
      const taskId = await userWithTask(claims);
      const edits = Array.from({ length: 12 }, (_, i) =>
        editMutation(taskId, { title: `edit ${i}` }, 1000 + i),
      );
      const creates = Array.from({ length: 12 }, (_, i) => createMutationFor(`task ${i}`, 1000));
      // Every mutation pushed twice at once, from two devices.
      const batches = [...edits, ...creates].flatMap((m) => [[m], [m]]);
      const results = await Promise.all(
        batches.map((batch, i) =>
          pushAsUser(db, claims, batch, { ...options, clientId: `device-${i % 2}` }),
        ),
      );
      expect(results.every((r) => r.applied.length === 1)).toBe(true);
      const ids = [...edits, ...creates].map((m) => m.id);
      const after = await stateOf(claims, taskId, ids);
      expect(after.logged).toEqual([...ids].sort());
      expect(after.task.title).toBe('edit 11');
      // One version per write that changed a row: the creation, the creates and the edits that won
      // (an edit older than the title already stored changes nothing).
      const versions = await db.asUser(claims, (tx) =>
        tx.query<{ version: string }>('select version from public.tasks order by version'),
      );
      const changedRows = results.reduce((n, r) => n + r.changed.size, 0);
      expect(after.seq).toBe(1 + changedRows);
      expect(versions.map((v) => Number(v.version))).toEqual(
        [...new Set(versions.map((v) => Number(v.version)))].sort((a, b) => a - b),
      );
      expect(Math.max(...versions.map((v) => Number(v.version)))).toBe(after.seq);
    });
  });
}
