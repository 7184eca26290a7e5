// Web Push for reminders: the server's VAPID public key (the browser subscribes with it), and the signed-in
// device's subscription. GET /vapid-public-key needs no session: the key is public.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext, AppEnv } from '../context';
import { HttpError } from '../errors';
import { requireUser } from '../middleware/auth';
import { readJson } from '../middleware/json-body';
import { saveSubscription, subscriptionSchema } from '../push/subscriptions';

export const unsubscribeSchema = z.object({ endpoint: z.string().min(1).max(2048) });

function pushUnavailable(): HttpError {
  return new HttpError(
    503,
    'push_unavailable',
    'Web Push is not configured on this server (VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY)',
  );
}

export function createPushRoutes(ctx: AppContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const schema = subscriptionSchema(ctx.config.pushHosts);

  app.get('/vapid-public-key', (c) => {
    if (!ctx.secrets.vapid) throw pushUnavailable();
    return c.json({ publicKey: ctx.secrets.vapid.publicKey });
  });

  app.post('/subscriptions', requireUser(ctx), async (c) => {
    if (!ctx.secrets.vapid) throw pushUnavailable();
    const input = await readJson(c, schema);
    const user = c.get('user');
    await ctx.db.transaction((tx) => saveSubscription(tx, user.id, input));
    return c.json({ endpoint: input.endpoint, timeZone: input.timeZone }, 201);
  });

  app.delete('/subscriptions', requireUser(ctx), async (c) => {
    const { endpoint } = await readJson(c, unsubscribeSchema);
    const removed = await ctx.db.asUser(c.get('user').claims, (tx) =>
      tx.query('delete from public.push_subscriptions where endpoint = $1 returning id', [
        endpoint,
      ]),
    );
    return c.json({ removed: removed.length });
  });

  return app;
}
