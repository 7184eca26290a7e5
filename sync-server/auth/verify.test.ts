import { randomUUID } from 'node:crypto';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '../errors';
import { TEST_JWT_SECRET, mintToken } from '../test/harness';
import { staffRoleOf } from './user';
import type { TokenVerifier } from './verify';
import { createTokenVerifier } from './verify';

function b64(obj: object): string {
  return Buffer.from(JSON.stringify(obj)).toString('base64url');
}

async function expect401(verify: TokenVerifier, token: string) {
  const error = await verify(token).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HttpError);
  expect((error as HttpError).status).toBe(401);
}

describe('access token verification', () => {
  const sub = randomUUID();
  const hs = createTokenVerifier({ hsSecret: TEST_JWT_SECRET });
  // Stand-in for Supabase's hosted JWKS endpoint (it cannot run here): a local key set, same jose code path.
  let es: TokenVerifier;
  let privateKey: CryptoKey;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' };
    es = createTokenVerifier({
      hsSecret: TEST_JWT_SECRET,
      jwks: createLocalJWKSet({ keys: [jwk] }),
    });
  });

  const esToken = (claims: Record<string, unknown> = {}) =>
    new SignJWT({ role: 'authenticated', ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setSubject(sub)
      .setAudience('authenticated')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);

  it('accepts a valid HS256 token and a valid ES256 token from the JWKS', async () => {
    expect((await hs(await mintToken(sub))).sub).toBe(sub);
    expect((await es(await esToken())).sub).toBe(sub);
  });

  it('refuses alg none', async () => {
    const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub, aud: 'authenticated', role: 'authenticated', exp: 9e9 })}.`;
    await expect401(hs, token);
    await expect401(es, token);
  });

  it('refuses a token signed with another key', async () => {
    await expect401(
      hs,
      await mintToken(sub, {}, { secret: 'another-secret-another-secret-1234567' }),
    );
    const other = await generateKeyPair('ES256');
    const forged = await new SignJWT({ role: 'authenticated' })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setSubject(sub)
      .setAudience('authenticated')
      .setExpirationTime('1h')
      .sign(other.privateKey);
    await expect401(es, forged);
  });

  it('refuses an ES256 token when no JWKS is configured (algorithm pinning)', async () => {
    await expect401(hs, await esToken());
  });

  it('refuses an expired token', async () => {
    await expect401(
      hs,
      await mintToken(sub, {}, { expiresIn: Math.floor(Date.now() / 1000) - 10 }),
    );
  });

  it('refuses a token for another audience', async () => {
    await expect401(hs, await mintToken(sub, {}, { audience: 'anon' }));
  });

  it('refuses a token without sub, and without exp', async () => {
    const noSub = await new SignJWT({ role: 'authenticated' })
      .setProtectedHeader({ alg: 'HS256' })
      .setAudience('authenticated')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    await expect401(hs, noSub);
    const noExp = await new SignJWT({ role: 'authenticated' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sub)
      .setAudience('authenticated')
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    await expect401(hs, noExp);
  });

  it('refuses a tampered payload', async () => {
    const [h, , s] = (await mintToken(sub)).split('.');
    const tampered = `${h}.${b64({ sub: randomUUID(), aud: 'authenticated', role: 'authenticated', exp: 9e9 })}.${s}`;
    await expect401(hs, tampered);
  });

  it('refuses service_role and anon tokens even when signed correctly', async () => {
    await expect401(hs, await mintToken(sub, { role: 'service_role' }));
  });

  it('takes the staff role from app_metadata only, never user_metadata', async () => {
    const claims = await hs(await mintToken(sub, { user_metadata: { role: 'admin' } }));
    expect(staffRoleOf(claims.app_metadata)).toBeNull();
    const staff = await hs(await mintToken(sub, { app_metadata: { role: 'support' } }));
    expect(staffRoleOf(staff.app_metadata)).toBe('support');
    expect(staffRoleOf({ role: 'superuser' })).toBeNull();
  });

  it('refuses garbage', async () => {
    await expect401(hs, 'not-a-jwt');
  });
});
