// The operations specification's maintenance SQL on real databases: statistics, VACUUM outside a transaction, the concurrent
// refresh, archiving tasks deleted over 90 days ago, pruning old sync log rows; and run claims under the
// advisory lock when two instances race.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/types';
import { onEachDatabase, seedUsersAndTasks, type OpenDb } from '../test-support/databases';
import { runDailyCleanup } from './daily-cleanup';

function suite(name: string, open: OpenDb) {
  describe(`daily cleanup on ${name}`, () => {
    let h: { db: Db; close(): Promise<void> };
    beforeAll(async () => {
      h = await open();
      const [owner] = await seedUsersAndTasks(h.db, { users: 1, tasksPerUser: 4 });
      await h.db.query(
        `update public.tasks set deleted_at = now() - interval '91 days' where id = '10000000-0000-4000-8000-000000000000'`,
      );
      await h.db.query(
        `update public.tasks set deleted_at = now() - interval '89 days' where id = '10000000-0000-4000-8000-000000000001'`,
      );
      await h.db.query(
        `insert into public.sync_log (owner, mutation_id, status, synced_at)
         values ($1, 'old', 'applied', now() - interval '31 days'), ($1, 'recent', 'applied', now() - interval '29 days')`,
        [owner],
      );
      // Revoked-session markers: one older than the longest access-token lifetime, one younger.
      await h.db.query(
        `insert into tend_auth.revoked_sessions (session_id, user_id, revoked_at)
         values ('20000000-0000-4000-8000-000000000000', $1, now() - interval '25 hours'),
                ('20000000-0000-4000-8000-000000000001', $1, now() - interval '23 hours')`,
        [owner],
      );
      const nowMs = Date.now();
      await h.db.query(
        `insert into tend_auth.rate_limits (key, count, blocked_until, expires_at)
         values ('expired', 3, 0, $1), ('live', 1, 0, $2)`,
        [nowMs - 60_000, nowMs + 3_600_000],
      );
    });
    afterAll(() => h.close());

    it('runs every step, archives what is old enough and keeps the rest', async () => {
      let t = 0;
      const report = await runDailyCleanup(h.db, { clock: () => (t += 5) });
      expect(report.steps.filter((s) => !s.ok)).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.steps.map((s) => s.name)).toEqual([
        'analyze tasks',
        'analyze users',
        'analyze sync_log',
        'vacuum tasks',
        'vacuum sync_log',
        'refresh task_statistics',
        'archive tasks deleted over 90 days ago',
        'delete sync_log older than 30 days',
        'delete revoked-session markers whose tokens have expired',
        'delete expired rate-limit counters',
      ]);
      expect(report.steps.every((s) => s.durationMs === 5)).toBe(true);
      expect(report.steps.find((s) => s.name.startsWith('archive'))?.rows).toBe(1);
      expect(report.steps.find((s) => s.name.startsWith('delete sync_log'))?.rows).toBe(1);
      const ids = (await h.db.query<{ id: string }>('select id from public.tasks order by id')).map(
        (r) => r.id,
      );
      expect(ids).not.toContain('10000000-0000-4000-8000-000000000000');
      expect(ids).toContain('10000000-0000-4000-8000-000000000001');
      const archived = await h.db.query<{ id: string }>('select id from public.tasks_archive');
      expect(archived.map((r) => r.id)).toEqual(['10000000-0000-4000-8000-000000000000']);
      const logs = await h.db.query<{ mutation_id: string }>(
        'select mutation_id from public.sync_log order by 1',
      );
      expect(logs.map((r) => r.mutation_id)).toEqual(['m1', 'recent']);
      const markers = await h.db.query<{ session_id: string }>(
        'select session_id from tend_auth.revoked_sessions',
      );
      expect(markers.map((r) => r.session_id)).toEqual(['20000000-0000-4000-8000-000000000001']);
      const counters = await h.db.query<{ key: string }>('select key from tend_auth.rate_limits');
      expect(counters.map((r) => r.key)).toEqual(['live']);
      expect(report.steps.find((s) => s.name.startsWith('delete revoked'))?.rows).toBe(1);
      expect(report.steps.find((s) => s.name.startsWith('delete expired rate'))?.rows).toBe(1);
    });

    it('reports a failing step and still runs the others', async () => {
      await h.db.query('drop materialized view public.task_statistics cascade');
      const report = await runDailyCleanup(h.db);
      expect(report.ok).toBe(false);
      expect(report.steps.filter((s) => !s.ok).map((s) => s.name)).toEqual([
        'refresh task_statistics',
      ]);
      expect(report.steps.at(-1)?.ok).toBe(true);
    });
  });
}

await onEachDatabase('cleanup', suite);
