// Reminders by Web Push, end to end over real HTTP and TLS: the server runs as its own process (so it trusts
// the receiver's throwaway certificate through NODE_EXTRA_CA_CERTS), a device subscribes, a task with
// reminders syncs, and the cron route sends what is due to a push endpoint served by this test, which
// checks the VAPID Authorization header and decrypts the aes128gcm body with the subscription's keys.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJWK, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wallClockToInstant } from '../../src/core/reminders';
import { createMutationFor, editMutation } from '../test/fixtures';
import type { TestDatabase, TestUser } from '../test/harness';
import { createTestDatabase, createTestUser, pgReachable } from '../test/harness';
import type { BrowserSubscription, PushReceiver } from '../test/push-receiver';
import { createBrowserSubscription, startPushReceiver } from '../test/push-receiver';
import type { ServerProcess } from '../test/server-process';
import { startServerProcess } from '../test/server-process';
import { hasOpenssl } from '../ops/test-support/tls-server';
import { wallTimeIn } from '../routes/ai';
import { sendDueReminders } from './send-reminders';
import type { ReminderPayload } from './send-reminders';
import { generateVapidKeys } from './vapid';

const PORT = 8824;
const CRON = 'reminder-test-cron-secret-0123456789abcdef';
const ZONE = 'Europe/Berlin';
const runs = hasOpenssl && (await pgReachable());

/** The local wall clock of `ms` in ZONE, `YYYY-MM-DDTHH:mm`. */
function wallClock(ms: number): string {
  const t = wallTimeIn(ms, ZONE);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${t.year}-${two(t.month)}-${two(t.day)}T${two(t.hour)}:${two(t.minute)}`;
}

describe.runIf(runs)('reminders by Web Push', () => {
  const vapid = generateVapidKeys();
  let database: TestDatabase;
  let receiver: PushReceiver;
  let server: ServerProcess;
  let dataDir: string;
  let alice: TestUser;

  beforeAll(async () => {
    [database, receiver] = await Promise.all([
      createTestDatabase('postgres', 'push'),
      startPushReceiver(),
    ]);
    dataDir = mkdtempSync(join(tmpdir(), 'tend-push-server-'));
    server = await startServerProcess(PORT, {
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      CRON_SECRET: CRON,
      VAPID_PUBLIC_KEY: vapid.publicKey,
      VAPID_PRIVATE_KEY: vapid.privateKey,
      VAPID_SUBJECT: 'mailto:ops@tend.example',
      PUSH_HOSTS: 'localhost',
      NODE_EXTRA_CA_CERTS: receiver.caFile,
    });
    alice = await createTestUser();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await receiver?.close();
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const api = (path: string, init: RequestInit & { user?: TestUser } = {}) =>
    fetch(`${server.base}${path}`, {
      ...init,
      headers: { ...(init.user?.headers ?? {}), ...(init.headers as Record<string, string>) },
    });
  const subscribe = (user: TestUser, device: BrowserSubscription, path: string) =>
    api('/api/push/subscriptions', {
      method: 'POST',
      user,
      body: JSON.stringify({
        endpoint: `${receiver.origin}${path}`,
        expirationTime: null,
        keys: device.keys,
        timeZone: ZONE,
      }),
    });
  const cron = () => api('/api/cron/reminders', { headers: { authorization: `Bearer ${CRON}` } });

  it('sends due reminders once, signed with VAPID and encrypted for the subscription', async () => {
    const phone = createBrowserSubscription();
    const gone = createBrowserSubscription();
    const flaky = createBrowserSubscription();
    const key = (await (await api('/api/push/vapid-public-key')).json()) as { publicKey: string };
    expect(key.publicKey).toBe(vapid.publicKey);
    expect((await subscribe(alice, phone, '/push/phone')).status).toBe(201);
    expect((await subscribe(alice, gone, '/push/gone')).status).toBe(201);
    expect((await subscribe(alice, flaky, '/push/flaky')).status).toBe(201);
    receiver.answer('/push/gone', 410);
    receiver.answer('/push/flaky', 500);

    // "30 minutes before" a due time 29 minutes from now fired a minute ago, in the device's zone.
    const now = Date.now();
    const due = wallClock(now + 29 * 60_000);
    const relative = { id: randomUUID(), before: 30 };
    const absolute = { id: randomUUID(), at: new Date(now - 2 * 60_000).toISOString() };
    const later = { id: randomUUID(), at: new Date(now + 60 * 60_000).toISOString() };
    const create = createMutationFor('Dentist');
    const edit = editMutation(create.taskId, { due, reminders: [relative, absolute, later] }, 10);
    const done = createMutationFor('Already done');
    const doneEdit = editMutation(
      done.taskId,
      { reminders: [{ id: randomUUID(), at: absolute.at }], completedAt: absolute.at },
      10,
    );
    const push = await api('/api/sync/push', {
      method: 'POST',
      user: alice,
      body: JSON.stringify({ clientId: 'phone', mutations: [create, edit, done, doneEdit] }),
    });
    expect(((await push.json()) as { rejected: unknown[] }).rejected).toEqual([]);

    // The job keeps two days of its own run records (one a minute).
    await database.db.query(
      `insert into tend_ops.job_runs (job, scheduled_for, holder, lease_until, attempts)
       values ('reminders', now() - interval '3 days', 'old', now() - interval '3 days', 1)`,
    );
    const res = await cron();
    const body = (await res.json()) as { ok: boolean; report: Record<string, number> };
    const old = await database.db.query(
      `select 1 from tend_ops.job_runs where job = 'reminders' and holder = 'old'`,
    );
    expect(old).toEqual([]);
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.report).toMatchObject({ subscriptions: 3, sent: 2, failed: 1, removed: 1 });

    const toPhone = receiver.received.filter((r) => r.path === '/push/phone');
    expect(toPhone).toHaveLength(2);
    const payloads = toPhone.map((r) => JSON.parse(phone.decrypt(r.body)) as ReminderPayload);
    expect(payloads.map((p) => p.reminderId).sort()).toEqual([relative.id, absolute.id].sort());
    const fired = payloads.find((p) => p.reminderId === relative.id)!;
    expect(fired).toMatchObject({ type: 'reminder', taskId: create.taskId, title: 'Dentist', due });
    expect(Date.parse(fired.at)).toBe(wallClockToInstant(due, ZONE)! - 30 * 60_000);

    for (const r of toPhone) {
      expect(r.headers['content-encoding']).toBe('aes128gcm');
      expect(r.headers.urgency).toBe('high');
      expect(Number(r.headers.ttl)).toBeGreaterThan(0);
      const auth = /^vapid t=([^,]+), k=(\S+)$/.exec(String(r.headers.authorization));
      expect(auth, String(r.headers.authorization)).not.toBeNull();
      expect(auth![2]).toBe(vapid.publicKey);
      const point = Buffer.from(vapid.publicKey, 'base64url');
      const jwk = {
        kty: 'EC',
        crv: 'P-256',
        x: point.subarray(1, 33).toString('base64url'),
        y: point.subarray(33).toString('base64url'),
      };
      const { payload } = await jwtVerify(auth![1], await importJWK(jwk, 'ES256'), {
        audience: receiver.origin,
        subject: 'mailto:ops@tend.example',
      });
      expect(payload.exp! * 1000 - Date.now()).toBeLessThanOrEqual(24 * 60 * 60_000);
    }

    // 410: the subscription is gone. 500: the claim is given back for the next run.
    const rows = await database.db.query<{ endpoint: string }>(
      'select endpoint from public.push_subscriptions order by endpoint',
    );
    expect(rows.map((r) => r.endpoint.replace(receiver.origin, ''))).toEqual([
      '/push/flaky',
      '/push/phone',
    ]);
    const sent = await database.db.query<{ endpoint: string; sent: boolean }>(
      `select s.endpoint, d.sent_at is not null as sent from public.reminder_deliveries d
         join public.push_subscriptions s on s.id = d.subscription_id`,
    );
    expect(sent.every((d) => d.sent && d.endpoint.endsWith('/push/phone'))).toBe(true);
    expect(sent).toHaveLength(2);

    // A retry of the minute (another instance, a re-run) sends nothing twice: only the flaky device's
    // two firings go out again.
    const retried: string[] = [];
    const report = await sendDueReminders({
      db: database.db,
      vapid,
      subject: 'mailto:ops@tend.example',
      now: Date.now(),
      send: async (subscription) => {
        retried.push(subscription.endpoint.replace(receiver.origin, ''));
        return { statusCode: 201, body: '', headers: {} };
      },
    });
    expect(retried).toEqual(['/push/flaky', '/push/flaky']);
    expect(report).toMatchObject({ sent: 2, alreadySent: 2, failed: 0 });
    // The same minute again through the route: the slot is taken.
    expect((await cron()).status).toBe(409);
  });

  it('keeps each account to its own devices, and unsubscribes', async () => {
    const bob = await createTestUser();
    const laptop = createBrowserSubscription();
    expect((await subscribe(alice, laptop, '/push/shared')).status).toBe(201);
    // Bob signs in on the same browser: the endpoint is his now, Alice's reminders no longer go there.
    expect((await subscribe(bob, laptop, '/push/shared')).status).toBe(201);
    const owners = await database.db.query<{ owner: string }>(
      `select owner from public.push_subscriptions where endpoint like '%/push/shared'`,
    );
    expect(owners).toEqual([{ owner: bob.id }]);
    const endpoint = `${receiver.origin}/push/shared`;
    const remove = (user: TestUser) =>
      api('/api/push/subscriptions', {
        method: 'DELETE',
        user,
        body: JSON.stringify({ endpoint }),
      }).then((r) => r.json());
    expect(await remove(alice)).toEqual({ removed: 0 });
    expect(await remove(bob)).toEqual({ removed: 1 });
  });
});
