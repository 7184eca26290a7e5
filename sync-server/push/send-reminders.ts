// The reminder job (every minute): resolves each subscribed user's reminders in the time zone their device
// reported (the core's resolveReminders, as the page and the service worker do), and sends each due firing
// to each of the user's push subscriptions once. A firing is claimed in reminder_deliveries before it is
// sent, so a retried or doubled run never sends it twice; a failed send gives the claim back for the next
// minute, and a subscription the push service calls gone (404/410) is deleted.
import webpush from 'web-push';
import type { RequestOptions, SendResult } from 'web-push';
import { dueFirings, REMINDER_GRACE_MS } from '../../src/core/reminders';
import type { ReminderFiring } from '../../src/core/reminders';
import type { ReminderNotice } from '../../src/core/sw-protocol';
import type { Reminder } from '../../src/core/task';
import type { Queryable } from '../db/types';
import type { PushSubscriptionRow } from './subscriptions';
import type { VapidKeys } from './vapid';

/** What the service worker receives: the notice the page would show itself (src/core/sw-protocol.ts). */
export type ReminderPayload = ReminderNotice;

interface ReminderJobReport {
  subscriptions: number;
  due: number;
  sent: number;
  alreadySent: number;
  failed: number;
  /** Subscriptions removed because the push service answered 404 or 410. */
  removed: number;
}

type Send = (
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } },
  payload: string,
  options: RequestOptions,
) => Promise<SendResult>;

interface ReminderJobDeps {
  /** The privileged connection: the job reads every subscribed user's tasks. */
  db: Queryable;
  vapid: VapidKeys;
  subject: string;
  now: number;
  send?: Send;
  timeoutMs?: number;
}

type TaskRow = {
  owner: string;
  id: string;
  title: string | null;
  due: string | null;
  reminders: Reminder[];
};

/** Deliveries older than this can no longer fire again (grace period) and are pruned. */
const KEEP_DELIVERIES_MS = 2 * 24 * 60 * 60_000;

function statusOf(error: unknown): number | undefined {
  const code = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

export async function sendDueReminders(deps: ReminderJobDeps): Promise<ReminderJobReport> {
  const { db, now } = deps;
  const send: Send = deps.send ?? webpush.sendNotification;
  const report: ReminderJobReport = {
    subscriptions: 0,
    due: 0,
    sent: 0,
    alreadySent: 0,
    failed: 0,
    removed: 0,
  };
  await db.query(`delete from public.reminder_deliveries where claimed_at < $1`, [
    new Date(now - KEEP_DELIVERIES_MS).toISOString(),
  ]);
  const subscriptions = await db.query<PushSubscriptionRow>(
    `select id, owner, endpoint, p256dh, auth, time_zone from public.push_subscriptions`,
  );
  report.subscriptions = subscriptions.length;
  if (subscriptions.length === 0) return report;
  const tasks = await db.query<TaskRow>(
    `select owner, id, title, due, reminders from public.tasks
      where owner = any($1::uuid[]) and jsonb_array_length(coalesce(reminders, '[]'::jsonb)) > 0
        and completed_at is null and deleted_at is null`,
    [[...new Set(subscriptions.map((s) => s.owner))]],
  );
  const byOwner = new Map<string, TaskRow[]>();
  for (const t of tasks) byOwner.set(t.owner, [...(byOwner.get(t.owner) ?? []), t]);
  const titles = new Map(tasks.map((t) => [t.id, t]));

  for (const sub of subscriptions) {
    const owned = (byOwner.get(sub.owner) ?? []).map((t) => ({
      ...t,
      completedAt: null,
      deletedAt: null,
    }));
    const firings = dueFirings(owned, sub.time_zone, now);
    report.due += firings.length;
    for (const firing of firings) {
      const outcome = await deliver(deps, send, sub, firing, titles.get(firing.taskId)!);
      if (outcome === 'gone') {
        report.removed += 1;
        break;
      }
      report[outcome] += 1;
      // The push service is failing for this device: the rest waits for the next run.
      if (outcome === 'failed') break;
    }
  }
  return report;
}

async function deliver(
  deps: ReminderJobDeps,
  send: Send,
  sub: PushSubscriptionRow,
  firing: ReminderFiring,
  task: TaskRow,
): Promise<'sent' | 'alreadySent' | 'failed' | 'gone'> {
  const { db } = deps;
  const claimed = await db.query(
    `insert into public.reminder_deliveries (subscription_id, owner, firing_key, task_id)
     values ($1, $2, $3, $4) on conflict do nothing returning firing_key`,
    [sub.id, sub.owner, firing.key, firing.taskId],
  );
  if (claimed.length === 0) return 'alreadySent';
  const payload: ReminderPayload = {
    type: 'reminder',
    taskId: firing.taskId,
    reminderId: firing.reminderId,
    key: firing.key,
    title: task.title ?? '',
    at: new Date(firing.at).toISOString(),
    due: task.due,
  };
  try {
    await send(
      { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
      JSON.stringify(payload),
      {
        vapidDetails: { subject: deps.subject, ...deps.vapid },
        // Past the grace period a reminder is stale: the push service may drop it.
        TTL: Math.max(60, Math.round((firing.at + REMINDER_GRACE_MS - deps.now) / 1000)),
        urgency: 'high',
        contentEncoding: 'aes128gcm',
        timeout: deps.timeoutMs ?? 10_000,
      },
    );
  } catch (error) {
    const status = statusOf(error);
    if (status === 404 || status === 410) {
      await db.query('delete from public.push_subscriptions where id = $1', [sub.id]);
      return 'gone';
    }
    // Not delivered: give the claim back so the next run tries again.
    await db.query(
      'delete from public.reminder_deliveries where subscription_id = $1 and firing_key = $2',
      [sub.id, firing.key],
    );
    return 'failed';
  }
  await db.query(
    'update public.reminder_deliveries set sent_at = now() where subscription_id = $1 and firing_key = $2',
    [sub.id, firing.key],
  );
  return 'sent';
}
