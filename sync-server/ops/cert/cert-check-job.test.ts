// The scheduled certificate check end to end: the cron route reads real local TLS certificates and a
// certificate inside the 14-day window reaches the configured alert channel, a real HTTP webhook receiver.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/types';
import { createPgliteDb } from '../test-support/databases';
import { createTestApp, SECRETS } from '../test-support/ops-test-app';
import { createTlsServers, hasOpenssl } from '../test-support/tls-server';

const tls = createTlsServers();
const received: { severity?: string; name?: string; status?: string }[] = [];
let receiver: Server;
let receiverUrl: string;
let db: Db;

beforeAll(async () => {
  db = await createPgliteDb();
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push(JSON.parse(body) as (typeof received)[number]);
      res.end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  tls.close();
  receiver.close();
  await db.close();
});

const cron = { authorization: `Bearer ${SECRETS.cronSecret}` };

describe.skipIf(!hasOpenssl)('certificate check cron job', () => {
  it('alerts the team channel for a certificate inside 14 days and answers non-2xx', async () => {
    const soon = await tls.serve(10);
    const fine = await tls.serve(90);
    const t = await createTestApp(db, {
      CERT_HOSTS: `127.0.0.1:${soon},127.0.0.1:${fine}`,
      ALERT_EMAIL_WEBHOOK_URL: receiverUrl,
    });
    const res = await t.app.request('/api/cron/cert-check', { headers: cron });
    expect(res.status).toBe(500);
    const body = (await res.json()) as {
      ok: boolean;
      report: { hosts: { port: number; verdict: string }[]; notified: number };
    };
    expect(body.report.hosts.map((h) => [h.port, h.verdict])).toEqual([
      [soon, 'alert'],
      [fine, 'ok'],
    ]);
    expect(body.report.notified).toBe(1);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ severity: 'medium', status: 'firing' });
    expect(received[0].name).toContain('127.0.0.1');
  });

  it('passes when every certificate is fresh, and is refused without the cron secret', async () => {
    // A new run in the same minute: the first test's claim on this minute's slot is cleared.
    await db.query(`delete from tend_ops.job_runs where job = 'cert-check'`);
    const t = await createTestApp(db, { CERT_HOSTS: `127.0.0.1:${await tls.serve(90)}` });
    expect((await t.app.request('/api/cron/cert-check')).status).toBe(401);
    const res = await t.app.request('/api/cron/cert-check', { method: 'POST', headers: cron });
    expect(res.status).toBe(200);
  });
});
