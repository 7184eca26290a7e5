import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createTokenVerifier } from '../../auth/verify';
import type { AppEnv } from '../../context';
import { createErrorHandler } from '../../errors';
import { createLogger } from '../../logging/logger';
import { TEST_JWT_SECRET, mintToken } from '../../test/harness';
import { requireRole, requireUser } from './index';

const ctx = { verifyToken: createTokenVerifier({ hsSecret: TEST_JWT_SECRET }) };
const app = new Hono<AppEnv>();
app.onError(createErrorHandler(createLogger({ level: 'silent' })));
app.get('/me', requireUser(ctx), (c) => c.json({ id: c.get('user').id }));
app.get('/admin', requireUser(ctx), requireRole('admin'), (c) => c.text('ok'));

const get = (path: string, token?: string) =>
  app.request(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('requireUser and requireRole', () => {
  it('answers 401 with WWW-Authenticate without a bearer token, and sets the user with one', async () => {
    const missing = await get('/me');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    const sub = randomUUID();
    const ok = await get('/me', await mintToken(sub));
    expect(await ok.json()).toEqual({ id: sub });
  });

  it('takes the staff role from app_metadata only: 403 otherwise', async () => {
    const sub = randomUUID();
    expect((await get('/admin', await mintToken(sub))).status).toBe(403);
    const userClaimed = await mintToken(sub, { user_metadata: { role: 'admin' } });
    expect((await get('/admin', userClaimed)).status).toBe(403);
    const admin = await mintToken(sub, { app_metadata: { role: 'admin' } });
    expect((await get('/admin', admin)).status).toBe(200);
  });
});
