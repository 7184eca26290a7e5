import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createErrorHandler } from '../../errors';
import { createLogger } from '../../logging/logger';
import { readJson } from './index';

const app = new Hono();
app.onError(createErrorHandler(createLogger({ level: 'silent' })));
app.post('/', async (c) => c.json(await readJson(c, z.object({ n: z.number() }))));

const post = (body: string, type = 'application/json') =>
  app.request('/', { method: 'POST', headers: { 'content-type': type }, body });

describe('readJson', () => {
  it('returns the parsed body when it matches the schema', async () => {
    expect(await (await post('{"n":1}')).json()).toEqual({ n: 1 });
  });

  it('answers 415, 400 invalid_json and 400 on a schema mismatch', async () => {
    expect((await post('{"n":1}', 'text/plain')).status).toBe(415);
    const malformed = await post('{"n":');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe(
      'invalid_json',
    );
    expect((await post('{"n":"one"}')).status).toBe(400);
  });
});
