import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/types';
import { createPgliteDb, seedUsersAndTasks } from '../test-support/databases';
import { readDbMetrics } from './db-metrics';

let db: Db;
beforeAll(async () => {
  db = await createPgliteDb();
  // Seeded at 2026-11-25T12:00Z: both users signed in then, 5 tasks each created then, 2 of each completed.
  await seedUsersAndTasks(db, { users: 2, tasksPerUser: 5 });
  const owner = '00000000-0000-4000-8000-000000000001';
  for (let i = 0; i < 12; i++) {
    await db.query(
      `insert into public.sync_log (owner, mutation_id, status, code, synced_at) values ($1, $2, 'rejected', 'invalid_mutation', $3)`,
      [owner, `bad-${i}`, '2026-11-25T12:30:00Z'],
    );
  }
});
afterAll(() => db.close());

describe('database metrics', () => {
  it('counts active users per period, tasks created/completed in 24 h and sync failures in the last hour', async () => {
    const m = await readDbMetrics(db, new Date('2026-11-25T13:00:00Z'));
    expect(m.activeUsers).toEqual({ daily: 2, weekly: 2, monthly: 2 });
    expect(m.tasksCreated24h).toBe(10);
    expect(m.tasksCompleted24h).toBe(4);
    expect(m.syncFailuresLastHour).toBe(12);
    expect(m.databaseConnections).toBe(1);
  });

  it('lets activity age out of each window', async () => {
    const m = await readDbMetrics(db, new Date('2026-12-01T13:00:00Z'));
    expect(m.activeUsers).toEqual({ daily: 0, weekly: 2, monthly: 2 });
    expect(m.tasksCreated24h).toBe(0);
    expect(m.syncFailuresLastHour).toBe(0);
  });
});
