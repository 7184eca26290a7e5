import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createTokenVerifier } from '../../auth/verify';
import type { AppEnv } from '../../context';
import { createErrorHandler } from '../../errors';
import { createLogger } from '../../logging/logger';
import { TEST_JWT_SECRET, mintToken } from '../../test/harness';
import { requireCronOrPermission, requireCronSecret, requirePermission } from './index';

const CRON = 'cron-secret-0123456789abcdefghijkl';
const ctx = {
  verifyToken: createTokenVerifier({ hsSecret: TEST_JWT_SECRET }),
  secrets: { jwtSecret: TEST_JWT_SECRET, encryptionKey: 'unused', cronSecret: CRON },
} as unknown as Parameters<typeof requirePermission>[0];
const app = new Hono<AppEnv>();
app.onError(createErrorHandler(createLogger({ level: 'silent' })));
app.get('/cron', requireCronSecret(ctx), (c) => c.text('ok'));
app.get('/logs', requirePermission(ctx, 'logs:read'), (c) => c.text('ok'));
app.get('/metrics', requireCronOrPermission(ctx, 'dashboard:read'), (c) => c.text('ok'));

const get = (path: string, token?: string) =>
  app.request(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
const staff = (role: string) => mintToken(randomUUID(), { app_metadata: { role } });

describe('cron secret and staff permissions', () => {
  it('accepts only the exact cron secret', async () => {
    expect((await get('/cron')).status).toBe(401);
    expect((await get('/cron', `${CRON}x`)).status).toBe(401);
    expect((await get('/cron', CRON)).status).toBe(200);
  });

  it('lets through the roles that hold the permission in the RBAC matrix', async () => {
    expect((await get('/logs', await staff('developer'))).status).toBe(200);
    expect((await get('/logs', await staff('viewer'))).status).toBe(403);
    expect((await get('/logs')).status).toBe(401);
  });

  it('takes either the cron secret or the permission where both are allowed', async () => {
    expect((await get('/metrics', CRON)).status).toBe(200);
    expect((await get('/metrics', await staff('viewer'))).status).toBe(200);
    expect((await get('/metrics', await mintToken(randomUUID()))).status).toBe(403);
  });
});
