// SigV4 against AWS's own published examples (S3 docs, "Signature Calculations for the Authorization Header"),
// then a real upload to a local HTTP server standing in for the bucket.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { putObject, s3TargetFromEnv, signV4 } from './s3';

const EXAMPLE = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
  now: new Date('2013-05-24T00:00:00Z'),
};
const signatureOf = (headers: Record<string, string>) =>
  /Signature=([0-9a-f]{64})/.exec(headers.authorization)?.[1];

describe('AWS Signature Version 4', () => {
  it('matches the GET Object example', () => {
    const headers = signV4({
      ...EXAMPLE,
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      headers: { range: 'bytes=0-9' },
      payloadSha256: createHash('sha256').update('').digest('hex'),
    });
    expect(signatureOf(headers)).toBe(
      'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
    expect(headers.authorization).toContain(
      'Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date',
    );
  });

  it('matches the PUT Object example', () => {
    const body = 'Welcome to Amazon S3.';
    const headers = signV4({
      ...EXAMPLE,
      method: 'PUT',
      url: new URL('https://examplebucket.s3.amazonaws.com/test$file.text'),
      headers: {
        date: 'Fri, 24 May 2013 00:00:00 GMT',
        'x-amz-storage-class': 'REDUCED_REDUNDANCY',
      },
      payloadSha256: createHash('sha256').update(body).digest('hex'),
    });
    expect(signatureOf(headers)).toBe(
      '98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd',
    );
  });

  it('matches the GET Bucket lifecycle example (query string)', () => {
    const headers = signV4({
      ...EXAMPLE,
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/?lifecycle'),
      headers: {},
      payloadSha256: createHash('sha256').update('').digest('hex'),
    });
    expect(signatureOf(headers)).toBe(
      'fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543',
    );
  });
});

describe('upload', () => {
  it('PUTs the bytes under the prefix with a matching content hash, and reports a refusal', async () => {
    const seen: { method?: string; url?: string; sha?: string; auth?: string; body: Buffer }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({
          method: req.method,
          url: req.url,
          sha: req.headers['x-amz-content-sha256'] as string,
          auth: req.headers.authorization,
          body: Buffer.concat(chunks),
        });
        res.writeHead(req.url?.includes('denied') ? 403 : 200).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const target = s3TargetFromEnv({
        BACKUP_S3_ENDPOINT: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        BACKUP_S3_BUCKET: 'backups',
        BACKUP_S3_REGION: 'eu-west-1',
        BACKUP_S3_ACCESS_KEY_ID: 'AKIDTEST',
        BACKUP_S3_SECRET_ACCESS_KEY: 'secret',
      })!;
      const body = Buffer.from('ciphertext bytes');
      await putObject(target, 'tend-full-x.bak', body);
      expect(seen[0]).toMatchObject({ method: 'PUT', url: '/backups/tend/tend-full-x.bak' });
      expect(seen[0].sha).toBe(createHash('sha256').update(body).digest('hex'));
      expect(seen[0].body.equals(body)).toBe(true);
      expect(seen[0].auth).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d{8}\/eu-west-1\/s3\/aws4_request/,
      );
      await expect(putObject(target, 'denied.bak', body)).rejects.toThrow('HTTP 403');
      expect(s3TargetFromEnv({})).toBeNull();
    } finally {
      server.close();
    }
  });
});

describe('the backup job with an off-site bucket configured', () => {
  it('copies the encrypted backup, its manifest and the config version to the bucket', async () => {
    const { createPgliteDb } = await import('../test-support/databases');
    const { createTestApp, SECRETS } = await import('../test-support/ops-test-app');
    const puts: { url: string; body: Buffer }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        puts.push({ url: req.url ?? '', body: Buffer.concat(chunks) });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const db = await createPgliteDb();
    try {
      const t = await createTestApp(db, {
        BACKUP_S3_ENDPOINT: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        BACKUP_S3_BUCKET: 'b',
        BACKUP_S3_ACCESS_KEY_ID: 'AKIDTEST',
        BACKUP_S3_SECRET_ACCESS_KEY: 'secret-key-for-test',
      });
      const res = await t.app.request('/api/cron/backup', {
        headers: { authorization: `Bearer ${SECRETS.cronSecret}` },
      });
      const body = (await res.json()) as {
        ok: boolean;
        report: { offsite: { uploaded: string[] } };
      };
      expect(res.status).toBe(200);
      expect(body.report.offsite.uploaded).toHaveLength(2);
      const urls = puts.map((p) => p.url);
      expect(urls.filter((u) => /^\/b\/tend\/tend-full-.*\.bak$/.test(u))).toHaveLength(1);
      expect(urls.filter((u) => /^\/b\/tend\/tend-full-.*\.manifest\.json$/.test(u))).toHaveLength(
        1,
      );
      expect(urls.filter((u) => /^\/b\/tend\/tend-config-.*\.bak$/.test(u))).toHaveLength(1);
      // Only ciphertext leaves: the uploaded backup starts with the encrypted-file magic.
      expect(
        puts
          .find((p) => p.url.endsWith('.bak'))!
          .body.subarray(0, 8)
          .toString(),
      ).toBe('TENDBAK1');
    } finally {
      server.close();
      await db.close();
    }
  });
});
