// The database change feed on a real (PGlite) database: announcements go out after the commit, gathered
// into one statement per turn of the event loop, the highest sequence per owner.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../test/harness';
import { createTestDatabase } from '../test/harness';
import type { ChangeEvent } from './change-feed';
import { createDatabaseChangeFeed } from './change-feed';

describe('database change feed', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('pglite', 'change_feed');
  });
  afterAll(() => database.drop());

  it('sends one statement per turn with the latest sequence of each owner', async () => {
    const statements: string[] = [];
    const db = database.db;
    const feed = createDatabaseChangeFeed({
      listen: db.listen.bind(db),
      query: (text, params) => {
        statements.push(text);
        return db.query(text, params);
      },
    });
    const heard: ChangeEvent[] = [];
    await feed.listen(
      (event) => heard.push(event),
      () => {},
    );
    const [a, b] = [randomUUID(), randomUUID()];
    feed.announceCommitted({ owner: a, seq: 1 });
    feed.announceCommitted({ owner: b, seq: 7 });
    feed.announceCommitted({ owner: a.toUpperCase(), seq: 3 });
    feed.announceCommitted({ owner: a, seq: 2 });
    expect(statements).toEqual([]);
    await expect.poll(() => heard.length).toBe(2);
    expect(statements).toHaveLength(1);
    expect(heard).toEqual(
      expect.arrayContaining([
        { owner: a, seq: 3 },
        { owner: b, seq: 7 },
      ]),
    );

    feed.announceCommitted({ owner: b, seq: 8 });
    await expect.poll(() => heard.length).toBe(3);
    expect(heard.at(-1)).toEqual({ owner: b, seq: 8 });
    expect(statements).toHaveLength(2);
    await feed.close();
  });

  it('reports a failed announcement instead of throwing into the request that committed', async () => {
    const errors: unknown[] = [];
    const feed = createDatabaseChangeFeed(
      {
        listen: database.db.listen.bind(database.db),
        query: () => Promise.reject(new Error('connection lost')),
      },
      { onError: (error) => errors.push(error) },
    );
    feed.announceCommitted({ owner: randomUUID(), seq: 1 });
    await expect.poll(() => errors.length).toBe(1);
    await feed.close();
  });
});
