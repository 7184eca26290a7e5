// Hostile values in task writes: NUL, unpaired surrogates, year-0000 and out-of-range times, impossible
// calendar values. Each is a per-mutation rejection in a push (the rest of the batch applies) and a 400 in
// REST, never a 500, so none of them can feed the error-rate alert.
import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../ops/test-support/ops-test-app';
import type { TestApp } from '../ops/test-support/ops-test-app';
import { createMutationFor, hlcAt } from '../test/fixtures';
import type { TestDatabase } from '../test/harness';
import { createTestDatabase, databaseKinds } from '../test/harness';

const kinds = await databaseKinds();
const NODE = '0123456789ABCDEF';

/** Field values no store should take; each names what it is. */
const BAD_CHANGES: Record<string, Record<string, unknown>> = {
  'NUL in title': { title: 'milk\u0000' },
  'NUL in notes': { notes: '\u0000' },
  'NUL in a label': { labels: ['home\u0000'] },
  'NUL in project': { project: 'x\u0000y' },
  'lone high surrogate in title': { title: 'a\ud800b' },
  'lone low surrogate in notes': { notes: '\udc00' },
  'lone surrogate in a label': { labels: ['\ud83d'] },
  'year 0000 completedAt': { completedAt: '0000-01-01T00:00:00.000Z' },
  'year 0000 deletedAt with offset': { deletedAt: '0000-01-01T00:30:00-01:00' },
  'year 10000 completedAt': { completedAt: '+010000-01-01T00:00:00.000Z' },
  'Feb 30 completedAt': { completedAt: '2026-02-30T10:00:00.000Z' },
  'T24:00 completedAt': { completedAt: '2026-02-10T24:00:00.000Z' },
  'Feb 30 due': { due: '2026-02-30' },
  'T24:00 due': { due: '2026-02-10T24:00' },
  'year 0000 due': { due: '0000-01-01' },
};

/** Timestamps (HLC) no store should take. */
const BAD_HLCS: Record<string, string> = {
  'year 0000 HLC': `0000-01-01T00:00:00.000Z-0000-${NODE}`,
  'Feb 30 HLC': `2026-02-30T00:00:00.000Z-0000-${NODE}`,
  'T24 HLC': `2026-02-10T24:00:00.000Z-0000-${NODE}`,
  'Feb 29 in a common year HLC': `2026-02-29T00:00:00.000Z-0000-${NODE}`,
};

describe.each(kinds)('hostile task values on %s', (kind) => {
  let database: TestDatabase;
  let t: TestApp;
  let app: Hono;
  let headers: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase(kind, 'hostile');
    t = await createTestApp(database.db);
    app = t.app;
    const user = randomUUID();
    headers = {
      authorization: `Bearer ${await t.token(null, user)}`,
      'content-type': 'application/json',
    };
  });
  afterAll(() => database.drop());

  const errorRate = async () => (await t.ops.runtime.requests.stats(Date.now())).error_rate;

  it('rejects each bad value per mutation; the good ones in the same push apply', async () => {
    const good = createMutationFor('fine');
    const bad = [
      ...Object.entries(BAD_CHANGES).map(([name, changes]) => ({
        name,
        mutation: { id: `bad ${name}`, taskId: good.taskId, hlc: hlcAt(1000), changes },
      })),
      ...Object.entries(BAD_HLCS).map(([name, hlc]) => ({
        name,
        mutation: { id: `bad ${name}`, taskId: good.taskId, hlc, changes: { notes: 'x' } },
      })),
      {
        name: 'NUL in the mutation id',
        mutation: { ...createMutationFor('id'), id: 'm\u0000' },
      },
    ];
    const after = createMutationFor('also fine');
    const res = await app.request('/api/sync/push', {
      method: 'POST',
      headers,
      body: JSON.stringify({
        clientId: 'device',
        mutations: [good, ...bad.map((b) => b.mutation), after],
      }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      applied: string[];
      rejected: { id: string; code: string }[];
    };
    expect(body.applied).toEqual([good.id, after.id]);
    expect(body.rejected.map((r) => r.code)).toEqual(bad.map(() => 'invalid_mutation'));
    expect(body.rejected).toHaveLength(bad.length);
    expect(await errorRate()).toBe(0);
  });

  it('answers 400 in REST for each bad value, on create and on edit', async () => {
    const created = await app.request('/api/tasks', {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: 'target' }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    for (const [name, changes] of Object.entries(BAD_CHANGES)) {
      const post = await app.request('/api/tasks', {
        method: 'POST',
        headers,
        body: JSON.stringify({ title: 'new', ...changes }),
      });
      expect(post.status, `POST ${name}`).toBe(400);
      const patch = await app.request(`/api/tasks/${id}`, {
        method: 'PATCH',
        headers,
        body: JSON.stringify(changes),
      });
      expect(patch.status, `PATCH ${name}`).toBe(400);
    }
    const quickAdd = await app.request('/api/tasks', {
      method: 'POST',
      headers,
      body: JSON.stringify({ text: 'buy \u0000 milk tomorrow' }),
    });
    expect(quickAdd.status).toBe(400);
    expect(await errorRate()).toBe(0);
  });

  it('a NUL client id is a 400 for the envelope, not a 500', async () => {
    const res = await app.request('/api/sync/push', {
      method: 'POST',
      headers,
      body: JSON.stringify({ clientId: 'dev\u0000', mutations: [createMutationFor('x')] }),
    });
    expect(res.status).toBe(400);
    expect(await errorRate()).toBe(0);
  });

  it('a sign-up whose user data holds NUL or a lone surrogate is a 400, not a 500', async () => {
    for (const data of [{ name: 'a\u0000' }, { ['k\ud800']: 1 }, { nested: ['\udfff'] }]) {
      const res = await app.request('/auth/v1/signup', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: `${randomUUID()}@example.test`,
          password: 'long enough 1',
          data,
        }),
      });
      expect(res.status, JSON.stringify(data)).toBe(400);
    }
    expect(await errorRate()).toBe(0);
  });
});
